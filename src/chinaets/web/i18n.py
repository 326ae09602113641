"""Chinese and English for every page: the language comes from ``?lang=``, then the ``lang``
cookie, then the browser's Accept-Language; every label is one entry of `TEXT`."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

LANGS = ("zh", "en")
COOKIE = "lang"

TEXT: dict[str, tuple[str, str]] = {
    "site": ("China national carbon market", "全国碳市场"),
    "overview": ("Market overview", "市场概览"),
    "entities": ("Entities", "重点排放单位"),
    "entity": ("Entity", "重点排放单位"),
    "ccer": ("CCER projects", "CCER项目"),
    "targets": ("Targets progress", "目标进度"),
    "registry": ("Registry", "注册登记"),
    "exchange": ("Exchange", "交易"),
    "market_facts_note": (
        "China national ETS market facts (SEEE / MEE figures as reported by the press), one row "
        "per published figure.",
        "全国碳市场公开数据（上海环境能源交易所、生态环境部公布、媒体报道的数字），每行一个公布值。",
    ),
    "login": ("Log in", "登录"),
    "logout": ("Log out", "退出"),
    "token": ("API token", "API令牌"),
    "login_help": (
        "Log in with the API token the registry gave your user.",
        "请使用注册登记系统为您的用户发放的API令牌登录。",
    ),
    "bad_token": ("The token is unknown or revoked.", "令牌无效或已吊销。"),
    "too_many_logins": (
        "Too many failed log-ins from this address; try again in 15 minutes.",
        "该地址登录失败次数过多，请 15 分钟后再试。",
    ),
    "no_registry": (
        "No registry is connected: log-in is off and the demo's pages are open to everyone.",
        "未连接注册登记系统：无需登录，演示数据页面对所有人开放。",
    ),
    "open_demo": (
        "Demo without log-in (--no-login): entity pages are visible to everyone.",
        "免登录演示（--no-login）：任何人均可查看各单位页面。",
    ),
    "signed_in_as": ("Signed in as", "当前用户"),
    "public": ("public", "公众"),
    "demo_note": (
        "Demo data: real plants (GEM), synthetic monthly operation.",
        "演示数据：真实电厂（GEM），合成的月度运行数据。",
    ),
    "coverage_sector": (
        "Coverage by sector (published) vs national CO2",
        "分行业覆盖情况（公布值）与全国二氧化碳排放",
    ),
    "coverage_province": ("Demo power sector by province", "演示数据：发电行业分省情况"),
    "alloc_vs_verified": ("Allocation vs verified emissions", "配额分配与核查排放"),
    "prices_volumes": ("Prices and volumes (published)", "价格与成交量（公布值）"),
    "sector": ("Sector", "行业"),
    "province": ("Province", "省份"),
    "entities_n": ("Entities", "单位数"),
    "units_n": ("Units", "核定单元数"),
    "total_emissions": ("Total emissions tCO2e", "排放总量 tCO2e"),
    "capacity_gw": ("Capacity GW", "装机 GW"),
    "generation_twh": ("Generation TWh", "发电量 TWh"),
    "mt_co2": ("Mt CO2", "百万吨CO2"),
    "share_national": ("% of national CO2", "占全国CO2比例"),
    "source": ("Source", "来源"),
    "year": ("Year", "年份"),
    "metric": ("Figure", "指标"),
    "value": ("Value", "数值"),
    "unit": ("Unit", "单位"),
    "name": ("Name", "名称"),
    "credit_code": ("Unified social credit code", "统一社会信用代码"),
    "direct_tco2": ("Direct emissions tCO2", "直接排放 tCO2"),
    "obligation": ("Compliance obligation tCO2", "履约量 tCO2"),
    "emissions_trace": ("Emissions with trace", "排放量及计算过程"),
    "trace": ("How it was computed", "计算过程"),
    "monthly_fuel": ("Monthly fuel emissions (stored inputs)", "逐月燃料排放（存储的输入）"),
    "month": ("Month", "月份"),
    "fuel": ("Fuel", "燃料"),
    "consumption": ("Consumption", "消耗量"),
    "ncv": ("NCV GJ/unit", "低位发热量 GJ/单位"),
    "cc": ("Carbon content tC/GJ", "单位热值含碳量 tC/GJ"),
    "allocation": ("Allocation", "配额分配"),
    "holdings": ("Holdings by vintage", "按年度持有量"),
    "compliance": ("Compliance status and penalty exposure", "履约状态与处罚风险"),
    "not_available": ("Not available in this data set yet.", "本数据集中暂无此项。"),
    "denied": ("You may not see this page.", "您无权查看此页面。"),
    "not_found": ("Not found.", "未找到。"),
    "state": ("State", "状态"),
    "methodology": ("Methodology", "方法学"),
    "owner": ("Owner", "业主"),
    "projects": ("Projects", "项目数"),
    "by_state": ("Projects by state", "各状态项目数"),
    "target": ("Target", "目标"),
    "basis": ("Basis", "口径"),
    "realised": ("Realised", "实际"),
    "status": ("Status", "状态"),
    "needed": ("Needed per year", "每年尚需"),
    "st_plan": ("S&T Support Plan 2022–2030", "科技支撑碳达峰碳中和实施方案（2022—2030年）"),
    "adaptation": ("Adaptation Strategy 2035", "国家适应气候变化战略2035"),
    "measure": ("Measure", "性质"),
    "latest": ("Latest", "最新值"),
    "no_figure": ("no figure", "无数据"),
    "account": ("Account", "账户"),
    "kind": ("Kind", "类型"),
    "free": ("Free", "可用"),
    "frozen": ("Frozen", "冻结"),
    "totals": ("National totals", "全国合计"),
    "issued": ("Issued", "签发"),
    "surrendered": ("Surrendered", "清缴"),
    "shortfall": ("Shortfall", "缺口"),
    "penalty": ("Penalty range", "罚款区间"),
    "search": ("Filter", "筛选"),
    "all": ("All", "全部"),
    "language": ("中文", "English"),
    "t_per_year": ("t/yr", "吨/年"),
    "% vs base year": ("% vs base year", "%（较基年）"),
    "% vs peak year": ("% vs peak year", "%（较峰值年）"),
    "% of energy consumption": ("% of energy consumption", "%（占能源消费总量）"),
    "at_this_pace": ("at this pace:", "按当前进度："),
    "pct_per_year": ("%/yr", "%/年"),
    "qualitative": ("qualitative", "定性"),
    "quantitative": ("quantitative", "定量"),
    "proxy": ("proxy", "替代指标"),
    "count": ("count", "数量"),
    "data_credits": (
        "Data: GEM (CC BY 4.0), Our World in Data / Global Carbon Project (CC BY 4.0), "
        "NBS/NDRC/MEE/SEEE as reported.",
        "数据来源：全球能源监测（GEM，CC BY 4.0）、Our World in Data / 全球碳计划（CC BY 4.0），"
        "国家统计局、国家发展改革委、生态环境部、上海环境能源交易所公布数据。",
    ),
    "table": ("Table", "数据表"),
    "cancelled": ("Cancelled", "注销"),
    "outstanding_units": ("Outstanding", "流通量"),
    "held_t": ("Held t", "持有量 t"),
    "entity_values": ("Entity figures", "排放单位年度指标"),
    "units": ("Perimeter units", "配额核定单元"),
    "unit_values": ("Unit figures", "核定单元年度指标"),
    "monthly_values": ("Monthly figures", "月度指标"),
    "accounts": ("Registry accounts", "注册登记账户"),
    "surrenders": ("Surrenders", "配额清缴"),
    "tables": ("Tables", "数据表"),
    "per_page": ("Rows per page", "每页行数"),
    "apply": ("Apply", "应用"),
    "previous": ("Previous", "上一页"),
    "next": ("Next", "下一页"),
    "page": ("Page", "第"),
    "rows": ("rows", "行"),
    "download": ("Download", "下载"),
    "open_table": ("Open as a table", "以数据表打开"),
    "no_rows": ("No rows.", "无数据。"),
    "by_sector": ("Sectors", "分行业"),
    "by_category": ("Allocation categories", "配额分配类别"),
    "by_province": ("By province", "分省情况"),
    "obligation_mt": ("Obligation Mt CO2e", "清缴义务 百万吨CO2e"),
    "emissions_mt": ("Emissions Mt CO2e", "排放量 百万吨CO2e"),
    "intensity": ("Intensity", "排放强度"),
    "output": ("Output", "产量"),
    "category": ("Category", "类别"),
    "figures": ("Yearly figures", "年度指标"),
    "monthly": ("Monthly emissions", "逐月排放"),
    "deadline": ("Surrender deadline", "清缴截止日期"),
    "outstanding": ("Still to surrender (not yet due)", "尚待清缴（未到期）"),
    "held": ("Held now (free / frozen)", "当前持有（可用／冻结）"),
    "units_held": ("Units held by class", "按类别持有量"),
    "accounts_by_kind": ("Accounts by kind", "按类型账户数"),
    "account_search": ("Accounts", "账户查询"),
    "deduction": ("Deduction from next year's allocation tCO2", "下一年度配额扣减 tCO2"),
    "verified_t": ("Verified emissions t", "核查排放量 t"),
    "allocation_t": ("Final allocation t", "最终核定配额 t"),
    "pre_allocated_t": ("Pre-allocated t", "预分配配额 t"),
    "obligation_t": ("To surrender t", "应清缴量 t"),
    "surplus_t": ("Surplus t", "盈余 t"),
    "not_due": (
        "Not due before the deadline: no shortfall and no penalty yet.",
        "截止日期前不存在缺口，也不予处罚。",
    ),
    "price_note": ("valued at the latest published closing price", "按最新公布收盘价估算"),
    "reporting_only": (
        "This sector reports only: no allocation and no surrender yet.",
        "该行业目前仅报告排放，尚未分配配额、无需清缴。",
    ),
}


def pick_lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get(COOKIE)
    if cookie in LANGS:
        return cookie
    accept = request.headers.get("accept-language", "")
    return "zh" if accept.lower().startswith("zh") else "en"


def translator(lang: str) -> Callable[[str], str]:
    index = 1 if lang == "zh" else 0

    def t(key: str) -> str:
        pair = TEXT.get(key)
        return key if pair is None else pair[index]

    return t


def both(en: str, zh: str, lang: str) -> str:
    """Pick one of a pair that comes from the data, not from `TEXT`."""
    return zh if lang == "zh" and zh else en
