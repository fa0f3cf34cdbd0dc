"""Old home of the record readers, kept while the importers move (see headers, fields,
populations, roster, passes)."""

from __future__ import annotations

from .fields import *  # noqa: F403
from .fields import Fields as _Fields  # noqa: F401
from .headers import *  # noqa: F403
from .passes import *  # noqa: F403
from .populations import *  # noqa: F403
from .roster import *  # noqa: F403
