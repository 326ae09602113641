"""Input schema of a pulp and paper enterprise's data year (中国造纸和纸制品生产企业温室气体排放
核算方法与报告指南（试行）; rules reference reporting-sectors.md §7).

Facilities are the mills or lines (制浆/造纸车间). Besides the common tables: purchased limestone
of the causticizing lime kiln (the only process source; lime mud and black liquor are biogenic)
and anaerobic wastewater treatment (CH4). Biomass fuels are not reported: their CO2 is not counted."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from chinaets.mrv.ndrc.schema import (
    COMMON_TABLE_LABELS,
    COMMON_TABLES,
    FacilityId,
    NonNegative,
    Percent,
    ReportingEntity,
    ReportingReport,
    Row,
    bilingual_error,
    col,
)

PRODUCTS: dict[str, tuple[str, str, str]] = {
    "pulp": ("纸浆", "pulp", "t"),
    "paper_board": ("机制纸和纸板", "machine-made paper and board", "t"),
}


class PaperEntity(ReportingEntity):
    sector: Literal["paper"] = col("行业（paper）", "sector", default="paper")


class LimestoneUse(Row):
    """Purchased limestone calcined in the lime kiln in the year (外购石灰石)."""

    unit_id: FacilityId
    quantity_t: NonNegative = col("外购石灰石消耗量", "purchased limestone used", "t")
    purity_pct: Percent = col("CaCO3纯度", "CaCO3 purity", "%", default=100.0)


class Wastewater(Row):
    """Anaerobic treatment of a facility's wastewater in the year: the COD it removes."""

    unit_id: FacilityId
    water_m3: NonNegative = col("厌氧处理废水量", "wastewater treated anaerobically", "m3")
    cod_in_kg_m3: NonNegative = col("进口COD浓度", "COD at the inlet", "kg/m3")
    cod_out_kg_m3: NonNegative = col("出口COD浓度", "COD at the outlet", "kg/m3")
    sludge_cod_kg: NonNegative = col(
        "以污泥形式去除的COD", "COD removed as sludge", "kg", default=0.0
    )
    mcf: float | None = col(
        "甲烷修正因子（空=缺省）",
        "methane correction factor (blank = default)",
        "fraction",
        default=None,
        ge=0,
        le=1,
        allow_inf_nan=False,
    )

    @model_validator(mode="after")
    def _cod_falls(self) -> Wastewater:
        if self.cod_out_kg_m3 > self.cod_in_kg_m3:
            raise bilingual_error(
                f"outlet COD {self.cod_out_kg_m3:g} kg/m3 exceeds inlet COD {self.cod_in_kg_m3:g}",
                f"出口COD {self.cod_out_kg_m3:g} kg/m3 高于进口COD {self.cod_in_kg_m3:g}",
                "anaerobic treatment removes COD: check that inlet and outlet are not swapped and "
                "both are in kg/m3 (mg/L ÷ 1000)",
                "厌氧处理去除COD：请检查进出口是否填反，单位均为 kg/m3（mg/L ÷ 1000）",
                field="cod_out_kg_m3",
            )
        return self

    @property
    def tow_kg(self) -> float:
        return self.water_m3 * (self.cod_in_kg_m3 - self.cod_out_kg_m3)


class PaperReport(ReportingReport):
    """One pulp and paper enterprise's data for one data year."""

    schema_version: Literal["paper/1"] = "paper/1"
    sector: Literal["paper"] = "paper"
    entity: PaperEntity
    limestone: list[LimestoneUse] = Field(default_factory=list)
    wastewater: list[Wastewater] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": PaperEntity,
    **COMMON_TABLES,
    "limestone": LimestoneUse,
    "wastewater": Wastewater,
}
TABLE_LABELS: dict[str, tuple[str, str]] = {
    **COMMON_TABLE_LABELS,
    "facilities": ("制浆/造纸车间", "pulp and paper mills"),
    "limestone": ("外购石灰石（石灰窑）", "purchased limestone (lime kiln)"),
    "wastewater": ("废水厌氧处理", "anaerobic wastewater treatment"),
}
