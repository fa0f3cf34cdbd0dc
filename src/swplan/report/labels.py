"""The labels of the reports, in English and Chinese (`--lang en|zh`): column headers,
sheet names and single words. A missing Chinese entry falls back to English.

Sentences (titles with values, notes, reasons, the lines of `pay --explain`, warnings)
are messages of the catalogue, `swplan.messages.reports`.
"""

from __future__ import annotations

# Column headers and single words, by language.
LABELS: dict[str, dict[str, str]] = {
    "site": {"zh": "站点", "en": "Site"},
    "name": {"zh": "名称", "en": "Name"},
    "kind": {"zh": "类型", "en": "Kind"},
    "clients": {"zh": "服务对象", "en": "Clients"},
    "required": {"zh": "所需岗位", "en": "Required"},
    "dedicated": {"zh": "专职", "en": "Dedicated"},
    "mixed": {"zh": "兼顾岗位", "en": "Mixed"},
    "primary": {"zh": "主要服务对象", "en": "Primary"},
    "covers": {"zh": "兼顾", "en": "Covers"},
    "workload_fte": {"zh": "工作量(人)", "en": "Workload FTE"},
    "minimum_applied": {"zh": "按最低配置", "en": "Minimum applied"},
    "current": {"zh": "现有人数", "en": "Current"},
    "certified": {"zh": "持证", "en": "Certified"},
    "gap": {"zh": "缺口", "en": "Gap"},
    "shortage": {"zh": "缺编", "en": "Shortage"},
    "surplus": {"zh": "超编", "en": "Surplus"},
    "worker": {"zh": "工号", "en": "Worker"},
    "worker_id": {"zh": "工号", "en": "Worker"},
    "person": {"zh": "姓名", "en": "Name"},
    "workers": {"zh": "人数", "en": "Workers"},
    "education": {"zh": "学历", "en": "Education"},
    "title": {"zh": "职称", "en": "Title"},
    "years": {"zh": "工龄", "en": "Years"},
    "performance": {"zh": "绩效", "en": "Performance"},
    "post": {"zh": "岗位", "en": "Post"},
    "points": {"zh": "积分", "en": "Points"},
    "grade": {"zh": "薪级", "en": "Grade"},
    "step": {"zh": "档次", "en": "Step"},
    "monthly_base": {"zh": "月基本工资", "en": "Monthly base"},
    "monthly_allowance": {"zh": "岗位津贴", "en": "Post allowance"},
    "monthly_gross": {"zh": "月应发", "en": "Monthly gross"},
    "monthly_contributions": {"zh": "单位缴费(五险一金)", "en": "Employer contributions"},
    "annual_salary": {"zh": "年度工资", "en": "Annual salary"},
    "annual_bonus": {"zh": "绩效奖金", "en": "Bonus"},
    "annual_contributions": {"zh": "年度单位缴费", "en": "Annual contributions"},
    "annual_cost": {"zh": "年度用人成本", "en": "Annual cost"},
    "exam": {"zh": "考试", "en": "Exam"},
    "passed_on": {"zh": "通过日期", "en": "Passed on"},
    "status": {"zh": "状态", "en": "Status"},
    "amount": {"zh": "金额", "en": "Amount"},
    "award": {"zh": "奖励", "en": "Award"},
    "due": {"zh": "应发", "en": "due"},
    "already_paid": {"zh": "已发放", "en": "already paid"},
    "duplicate": {"zh": "重复", "en": "duplicate"},
    "expired": {"zh": "已过期", "en": "expired"},
    "ineligible": {"zh": "不符合条件", "en": "ineligible"},
    "capped": {"zh": "已达上限", "en": "capped"},
    "budget": {"zh": "预算", "en": "Budget"},
    "item": {"zh": "项目", "en": "Item"},
    "total": {"zh": "合计", "en": "Total"},
    "subtotal": {"zh": "小计", "en": "Subtotal"},
    "personnel_share": {"zh": "人员费用占比", "en": "Personnel share"},
    "training": {"zh": "培训费", "en": "Training"},
    "new_hires": {"zh": "新增岗位", "en": "New hires"},
    "current_staff": {"zh": "现有人员费用", "en": "Current staff"},
    "awards": {"zh": "考试奖励", "en": "Exam awards"},
    "cap": {"zh": "上限", "en": "Cap"},
    "headcount": {"zh": "人数", "en": "Headcount"},
    "planned": {"zh": "计划人数", "en": "Planned"},
    "count": {"zh": "人次", "en": "Count"},
    "reason": {"zh": "原因", "en": "Reason"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # awards
    "awards_due": {"zh": "应发考试奖励", "en": "Exam awards due"},
    "awards_by_exam": {"zh": "应发奖励按考试合计", "en": "Awards due by exam"},
    "awards_not_due": {"zh": "本次不发放", "en": "Not due"},
    "less_paid": {"zh": "已发抵扣", "en": "Less paid"},
    "assistant_social_worker": {"zh": "助理社会工作师", "en": "assistant_social_worker"},
    "social_worker": {"zh": "社会工作师", "en": "social_worker"},
    "senior_social_worker": {"zh": "高级社会工作师", "en": "senior_social_worker"},
    "psychological_counselor": {"zh": "心理咨询师", "en": "psychological_counselor"},
    # workbooks: sheet names and headers (dotted keys: never a part of a CSV column name)
    "sheet.sites": {"zh": "站点", "en": "Sites"},
    "sheet.site_id": {"zh": "站点编号", "en": "Site"},
    "sheet.certified_ok": {"zh": "持证达标", "en": "Certified OK"},
    "sheet.workers": {"zh": "人员", "en": "Workers"},
    "sheet.by_site": {"zh": "按站点", "en": "By site"},
    "sheet.by_grade": {"zh": "按薪级", "en": "By grade"},
    "sheet.by_step": {"zh": "按档次", "en": "By step"},
    "sheet.notes": {"zh": "说明", "en": "Notes"},
    "sheet.due": {"zh": "应发", "en": "Due"},
    "sheet.not_due": {"zh": "不发放", "en": "Not due"},
    "sheet.by_exam": {"zh": "按考试", "en": "By exam"},
    "sheet.budget": {"zh": "预算", "en": "Budget"},
    "sheet.budget_by_site": {"zh": "各站点", "en": "By site"},
    "sheet.sites_short": {"zh": "缺编站点", "en": "Sites short"},
    "sheet.assumptions": {"zh": "测算依据", "en": "Assumptions"},
    "sheet.item": {"zh": "项目", "en": "Item"},
    "sheet.value": {"zh": "值", "en": "Value"},
    "sheet.rules": {"zh": "规则", "en": "Rules"},
    "sheet.budget_year": {"zh": "预算年度", "en": "Budget year"},
    "sheet.as_of": {"zh": "测算日期", "en": "As of"},
    "sheet.hire_education": {"zh": "新增人员学历", "en": "New hire: education"},
    "sheet.hire_title": {"zh": "新增人员职称", "en": "New hire: title"},
    "sheet.hire_grade": {"zh": "新增人员薪级", "en": "New hire: grade"},
    "sheet.hire_cost": {"zh": "新增人员年度用人成本", "en": "New hire: annual cost"},
    "sheet.training_per_worker": {"zh": "每人培训费", "en": "Training per worker"},
    # awards: how a ladder exam's award is paid (awards.upgrade)
    "upgrade.top_up": {"zh": "补差", "en": "top_up"},
    "upgrade.full": {"zh": "全额", "en": "full"},
}


def label(key: str, lang: str) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


# What a pay component is keyed on (`by:`), as the explain lines name it
COMPONENT_BY: dict[str, dict[str, str]] = {
    "zh": {
        "post": "岗位",
        "title": "职称",
        "education": "学历",
        "performance": "绩效",
        "grade": "薪级",
        "step": "档次",
    }
}


# zh pay CSV: how an amount is rounded, and the bound that held a grade or a base
ROUNDING_ZH = {"fen": "分", "jiao_up": "角（进位）", "yuan": "元"}
BOUNDS_ZH = {"min_grade": "最低薪级", "max_grade": "最高薪级", "floor": "下限", "ceiling": "上限"}

# zh `--explain`: the rules' keys that are no vocabulary, as a Chinese reader reads them
EXPLAIN_KEYS_ZH = {
    "min_points": "起点积分",
    "min_grade": "最低薪级",
    "max_grade": "最高薪级",
    "fen": "分",
    "jiao_up": "见分进角",
    "yuan": "元",
}

# The columns of the month-by-month table of `pay --explain --year`.
MONTH_COLUMNS: dict[str, tuple[str, ...]] = {
    "en": ("month", "years", "step", "grade", "gross", "contributions"),
    "zh": ("月份", "工龄", "档次", "薪级", "月应发", "单位缴费"),
}

# The words of `swplan plan`.
PLAN_WORDS: dict[str, dict[str, str]] = {
    "scenario": {"en": "Scenario", "zh": "方案"},
    "year": {"en": "Year", "zh": "年度"},
    "clients": {"en": "Clients", "zh": "服务对象"},
    "required": {"en": "Required", "zh": "所需岗位"},
    "workers_start": {"en": "Start", "zh": "年初人数"},
    "hires": {"en": "Hires", "zh": "新招聘"},
    "workers": {"en": "Workers", "zh": "在岗人数"},
    "leavers": {"en": "Leavers", "zh": "离职"},
    "shortage": {"en": "Shortage", "zh": "缺编"},
    "certified": {"en": "Certified", "zh": "持证"},
    "certified_share": {"en": "Certified share", "zh": "持证比例"},
    "staff_cost": {"en": "Staff cost", "zh": "人员费用"},
    "awards": {"en": "Awards", "zh": "考试奖励"},
    "training": {"en": "Training", "zh": "培训费"},
    "total": {"en": "Total", "zh": "合计"},
    "plan": {"en": "Plan", "zh": "规划"},
    "comparison": {"en": "Total cost by scenario", "zh": "各方案年度总费用对比"},
    "targets": {"en": "Targets", "zh": "目标"},
    "target": {"en": "Target", "zh": "目标"},
    "value": {"en": "Value", "zh": "实际值"},
    "ok": {"en": "OK", "zh": "达成"},
    "met": {"en": "met", "zh": "达成"},
    "failed": {"en": "FAILED", "zh": "未达成"},
    "all": {"en": "all years", "zh": "合计"},
}
