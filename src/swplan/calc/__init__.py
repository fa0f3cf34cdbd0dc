"""Pure calculations: staffing, pay, awards and budget. Numbers in, numbers out.

Nothing here reads a file, prints or formats for display; a test keeps it so.
"""
