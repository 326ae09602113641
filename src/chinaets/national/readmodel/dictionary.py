"""The data dictionary of the read model: every table, its granularity, partitioning, and every
column with its type, unit and meaning in English and Chinese.

The Arrow schemas the builder writes and the column names the queries may sort or filter on are
taken from here, and ``docs/read-model.md`` is generated from it (a test keeps the page current),
so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB-dialect SQL type
    unit: str
    en: str
    zh: str


@dataclass(frozen=True)
class Table:
    name: str
    granularity: str
    partition: tuple[str, ...]
    en: str
    zh: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, _ARROW[c.type]) for c in self.columns])


_ARROW = {
    "SMALLINT": pa.int16(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "VARCHAR": pa.string(),
    "BOOLEAN": pa.bool_(),
}


def _c(name: str, sql_type: str, unit: str, en: str, zh: str) -> Column:
    return Column(name, sql_type, unit, en, zh)


# fmt: off
YEAR = _c("year", "SMALLINT", "", "data year (compliance year of the emissions)", "数据年度")
SECTOR = _c("sector", "VARCHAR", "", "sector name (a folder of chinaets.mrv)", "行业")
PROVINCE = _c("province", "VARCHAR", "", "province, English name (GB/T 2260)", "省份（英文名）")
CODE = _c(
    "credit_code", "VARCHAR", "", "unified social credit code of the entity", "统一社会信用代码"
)
UNIT_ID = _c("unit_id", "VARCHAR", "", "unit of the allocation perimeter (generating unit, clinker line, electrolysis process, enterprise)", "配额核定单元编号（机组、熟料生产线、电解工序、企业）")
VARIABLE = _c("variable", "VARCHAR", "", "what the value measures ('|' separates a qualifier, e.g. emissions|bituminous)", "指标（'|' 后为细分，如 emissions|bituminous）")
MEASURE = _c("unit", "VARCHAR", "", "unit of measure of value", "计量单位")
VALUE = _c("value", "DOUBLE", "", "the value, in `unit`", "数值（单位见 unit）")
LONG = (VARIABLE, MEASURE, VALUE)

ENTITY_KEYS = (YEAR, SECTOR, PROVINCE, CODE)
"""The index every entity-level table of a data year starts with."""
UNIT_KEYS = (*ENTITY_KEYS, UNIT_ID)
"""The index every perimeter-unit-level table starts with: the entity's, then the unit."""


def _yearly(
    name: str, granularity: str, en: str, zh: str, keys: tuple[Column, ...], *own: Column
) -> Table:
    """A table of a data year at the level of `keys` (entity or perimeter unit), partitioned by
    year and sector: its index, then its own columns."""
    return Table(name, granularity, ("year", "sector"), en, zh, (*keys, *own))


ENTITIES = _yearly(
    "entities", "entity × year",
    "One row per accounted report: the entity, its headline emissions, obligation and intensity.",
    "每份核算报告一行：排放单位、排放总量、清缴义务量与排放强度。",
    ENTITY_KEYS,
    _c("name", "VARCHAR", "", "entity name", "单位名称"),
    _c("status", "VARCHAR", "", "trading (allocated, surrenders) or reporting (reports only)", "交易（分配与清缴）或仅报告"),
    _c("units", "INTEGER", "", "units in the allocation perimeter", "核定单元数"),
    _c("total_emissions_t", "DOUBLE", "tCO2e", "every emission the guideline has the entity report", "报告排放总量"),
    _c("obligation_t", "DOUBLE", "tCO2e", "emissions inside the allocation perimeter (to surrender)", "配额清缴范围内排放量"),
    _c("intensity_emissions_t", "DOUBLE", "tCO2e", "numerator of the sector's intensity", "强度分子（排放量）"),
    _c("intensity_output", "DOUBLE", "", "denominator of the sector's intensity, in intensity_unit", "强度分母（产量）"),
    _c("intensity_unit", "VARCHAR", "", "unit of the denominator, English", "强度分母单位（英文）"),
    _c("intensity_unit_zh", "VARCHAR", "", "unit of the denominator, Chinese", "强度分母单位"),
    _c("intensity", "DOUBLE", "tCO2e/unit", "emissions per unit of output (NULL without output)", "排放强度（无产量时为空）"),
)

ENTITY_VALUES = _yearly(
    "entity_values", "entity × year × variable",
    "Further yearly figures of each entity, long format (pyam's fixed index).",
    "排放单位年度指标（长表，固定索引）。",
    ENTITY_KEYS, *LONG,
)

UNITS = _yearly(
    "units", "perimeter unit × year",
    "One row per unit of an allocation perimeter with its emissions and output.",
    "每个配额核定单元一行：排放量与产出。",
    UNIT_KEYS,
    _c("kind", "VARCHAR", "", "generating_unit, clinker_line, electrolysis, enterprise, …", "单元类型"),
    _c("category", "VARCHAR", "", "allocation category where the sector has one (power: I–IV)", "配额分配类别（发电：I—IV 类）"),
    _c("emissions_t", "DOUBLE", "tCO2e", "emissions of the unit that are allocated and surrendered", "单元排放量（分配与清缴口径）"),
    _c("output", "DOUBLE", "", "output of the unit, in output_unit", "单元产出"),
    _c("output_unit", "VARCHAR", "", "unit of output", "产出单位"),
)

UNIT_VALUES = _yearly(
    "unit_values", "perimeter unit × year × variable",
    "Further yearly figures of each perimeter unit (capacity, heat, components), long format.",
    "核定单元年度指标（长表）。",
    UNIT_KEYS, *LONG,
)

MONTHLY_VALUES = _yearly(
    "monthly_values", "entity or unit × month × variable",
    "Monthly figures where the sector accounts by month (empty unit_id: the entity).",
    "按月核算的指标（核定单元编号为空表示整个单位）。",
    UNIT_KEYS,
    _c("month", "SMALLINT", "", "month of the data year, 1–12", "月份"),
    *LONG,
)

ALLOCATION = _yearly(
    "allocation", "entity × year",
    "Each entity's allowance allocation for the data year, as the plan of that year computes it.",
    "各排放单位当年度配额分配（按当年度方案计算）。",
    ENTITY_KEYS,
    _c("verified_t", "BIGINT", "tCO2e", "verified emissions the allocation rests on", "核查排放量"),
    _c("allocation_t", "BIGINT", "tCO2e", "final allocation", "最终核定配额"),
    _c("pre_allocated_t", "BIGINT", "tCO2e", "pre-allocation issued ahead (NULL if none)", "预分配配额（无则为空）"),
    _c("obligation_t", "BIGINT", "tCO2e", "allowances to surrender for the year", "应清缴配额量"),
    _c("surplus_t", "BIGINT", "tCO2e", "allocation minus obligation", "配额盈缺（分配−应清缴）"),
    _c("draft", "BOOLEAN", "", "computed with draft plan values", "是否使用征求意见稿参数"),
)

ACCOUNTS = Table(
    "accounts", "registry account", (),
    "Registry accounts (a snapshot of the registry database when the read model was built).",
    "注册登记账户（构建时的注册登记系统快照）。",
    (
        _c("account_id", "VARCHAR", "", "account id", "账户编号"),
        _c("kind", "VARCHAR", "", "holding, clearing, provincial_issuing, mee_issuing, …", "账户类型"),
        _c("holder", "VARCHAR", "", "holder: credit code, province code or organisation", "持有人"),
        _c("name", "VARCHAR", "", "account name", "账户名称"),
        _c("province", "VARCHAR", "", "province, English name (empty for national accounts)", "省份（英文名；全国性账户为空）"),
        _c("state", "VARCHAR", "", "open or closed", "账户状态"),
        _c("held_t", "BIGINT", "t", "units held (free and frozen)", "持有量（含冻结）"),
        _c("frozen_t", "BIGINT", "t", "units frozen", "冻结量"),
    ),
)

HOLDINGS = Table(
    "holdings", "account × unit class", (),
    "Units held per account and unit class (CEA by vintage, CCER by project and vintage).",
    "各账户按单位类别的持有量（CEA 按年度，CCER 按项目与年度）。",
    (
        _c("account_id", "VARCHAR", "", "account id", "账户编号"),
        _c("holder", "VARCHAR", "", "account holder", "持有人"),
        _c("province", "VARCHAR", "", "province of the account, English name", "账户所在省份（英文名）"),
        _c("unit", "VARCHAR", "", "unit class label, e.g. CEA-2025", "单位类别"),
        _c("unit_kind", "VARCHAR", "", "CEA or CCER", "单位种类"),
        _c("vintage", "VARCHAR", "", "vintage", "年度"),
        _c("project", "VARCHAR", "", "CCER project id (empty for CEA)", "CCER 项目编号（CEA 为空）"),
        _c("free_t", "BIGINT", "t", "units free to use", "可用量"),
        _c("frozen_t", "BIGINT", "t", "units frozen", "冻结量"),
    ),
)

SURRENDERS = Table(
    "surrenders", "entity × compliance year × unit class", (),
    "Units surrendered (and CCER cancelled for offsetting) against each obligation.",
    "各排放单位各年度清缴的配额（及抵销注销的 CCER）。",
    (
        _c("compliance_year", "SMALLINT", "", "data year of the obligation", "清缴对应的数据年度"),
        CODE,
        _c("province", "VARCHAR", "", "province of the entity's holding account, English name", "排放单位账户所在省份（英文名）"),
        _c("unit", "VARCHAR", "", "unit class label", "单位类别"),
        _c("unit_kind", "VARCHAR", "", "CEA or CCER", "单位种类"),
        _c("quantity_t", "BIGINT", "t", "units surrendered", "清缴量"),
        _c("forced", "BOOLEAN", "", "forced surrender by the authority", "是否强制清缴"),
    ),
)

# fmt: on

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        ENTITIES,
        ENTITY_VALUES,
        UNITS,
        UNIT_VALUES,
        MONTHLY_VALUES,
        ALLOCATION,
        ACCOUNTS,
        HOLDINGS,
        SURRENDERS,
    )
}
"""Every table of the read model, by name."""

REGISTRY_TABLES = ("accounts", "holdings", "surrenders")
"""The tables read from the registry database (the others are built from Summaries)."""


def markdown() -> str:
    """The data dictionary as the Markdown page ``docs/read-model.md``."""
    lines = [
        "# Read model: data dictionary / 分析数据模型：数据字典",
        "",
        "Generated from `chinaets.national.readmodel.dictionary.markdown()`; a test keeps this",
        "page current (`CHINAETS_WRITE_DOCS=1 pytest tests/readmodel` rewrites it).",
        "",
        "The read model is built from each accounted report's `Summary` (whatever its sector),",
        "the allocations and the registry (`build_read_model(summaries, folder)`), written as",
        "Parquet under `folder/<table>/`, and read through `ReadModel` on any analytics engine",
        "(DuckDB by default): totals by sector, province or year, and listings of any table with",
        "filters, search, sorting and paging. Each table has one granularity; the long tables",
        "have pyam's fixed index and one value per row (`variable`, `unit`, `value`). Tables",
        "partitioned by `year` and `sector` are written Hive-style (`year=2025/sector=power/`);",
        "the partition columns are read back with the engine's inferred type (an integer year).",
        "",
        "On the platform the summaries are the store's: the latest report version of every",
        "entity and year (`chinaets.platform.readmodel.build_from_store`); `chinaets demo` submits",
        "its reports and deposits to the store and builds its read model that way.",
        "",
        "    chinaets readmodel build --db URL --out DIR     # the platform's store → read model",
        "    chinaets readmodel build REPORT… --out DIR    # reports of any sector → read model",
        "    chinaets readmodel totals --data DIR --by province --year 2025",
        "    chinaets readmodel list units --data DIR --sort emissions_t --desc --search L1",
        "    chinaets readmodel dictionary [--markdown]      # this page",
        "",
        "The dashboard (`chinaets serve`) shows every table at `/tables/<table>`, paged, sorted,",
        "searched and downloadable as CSV or Excel (see dashboard.md).",
        "",
    ]
    for t in TABLES.values():
        partition = ", ".join(t.partition) or "none"
        lines += [
            f"## `{t.name}`",
            "",
            f"{t.en}  ",
            f"{t.zh}",
            "",
            f"Granularity: {t.granularity}. Partitioned by: {partition}.",
            "",
            "| column | type | unit | meaning | 含义 |",
            "|---|---|---|---|---|",
            *(f"| `{c.name}` | {c.type} | {c.unit} | {c.en} | {c.zh} |" for c in t.columns),
            "",
        ]
    return "\n".join(lines)
