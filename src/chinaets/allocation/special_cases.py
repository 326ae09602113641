"""What a clinker line, electrolysis process or steel enterprise is, before any balance value:
whether it is allocated at all, whether it is a special case (allocation = verified emissions,
outside the balance-value solve, D25 §三(三)) and its intensity I (D25 §三(二)3–5).

Every threshold and list comes from the dated parameters (``industry_allocated_scope``,
``industry_special_cases``, ``industry_cement_exemptions``, ``industry_small_entity_max_tco2``,
``industry_intensity_basis``).
"""

from __future__ import annotations

from dataclasses import dataclass

from chinaets.allocation.rules import table
from chinaets.allocation.schema import IndustryLine
from chinaets.core.errors import InputError, Location
from chinaets.core.terms import zh_term
from chinaets.rules import ParametersAt
from chinaets.rules.parameters import UsedValue


@dataclass(frozen=True)
class Standing:
    """How a line enters the year's allocation: ``excluded`` (not allocated), ``verified``
    (special case) or ``balance`` (in the solve), and why."""

    method: str
    reason: str
    reason_zh: str
    used: tuple[UsedValue, ...] = ()


IN_SOLVE = Standing("balance", "", "")


def not_allocated(p: ParametersAt, line: IndustryLine) -> Standing | None:
    """Only Portland clinker lines and steel enterprises other than stand-alone EAF, rolling and
    foundry-iron plants are allocated (D25 §三(四); L27)."""
    for dimension, code in (("clinker_type", line.clinker_type), ("plant_scope", line.plant_scope)):
        used = p.used("industry_allocated_scope", dimension, code)
        if not used.value:
            return Standing(
                "excluded",
                f"not allocated: {dimension.replace('_', ' ')} '{code}'",
                f"不纳入配额分配（{zh_term(code)}）",
                (used,),
            )
    return None


def special_case(p: ParametersAt, line: IndustryLine, small_entity: bool) -> Standing | None:
    """The special case the line is in, the first of D25 §三(三)'s order, or None."""
    rules: dict[str, str] = dict(p.dated("industry_special_cases").value)  # type: ignore[arg-type]
    found = _found_cases(p, line, small_entity)
    for case, (en, zh, used) in found.items():
        if rules.get(case) == "verified":
            cases = p.used("industry_special_cases", case)
            return Standing("verified", f"special case: {en}", f"特殊情形：{zh}", (cases, *used))
    return None


def _found_cases(
    p: ParametersAt, line: IndustryLine, small_entity: bool
) -> dict[str, tuple[str, str, tuple[UsedValue, ...]]]:
    exemptions, terms = table(p, "industry_cement_exemptions")
    rate, above = line.carbide_slag_share, terms["carbide_slag_rate_above"]
    small = p.used("industry_small_entity_max_tco2")
    candidates = {
        "hydrogen_rich_oxygen_bf": (line.hydrogen_rich_oxygen_bf,
            "hydrogen-rich carbon-cycle oxygen blast furnace", "富氢碳循环氧气高炉", ()),
        "white_clinker_only": (line.white_clinker_only and bool(terms["white_clinker_only"]),
            "white Portland clinker only", "仅生产白色硅酸盐水泥熟料", (exemptions,)),
        "carbide_slag": (rate > above, f"carbide-slag substitution {rate:.2%} > {above:.0%}",
            f"电石渣替代率 {rate:.2%} 超过 {above:.0%}", (exemptions,)),
        "gypsum_acid_coproduct": (line.gypsum_acid_coproduct and bool(terms["gypsum_acid_coproduct"]),
            "clinker by-product of gypsum-to-sulphuric-acid", "石膏制硫酸副产熟料", (exemptions,)),
        "closed_before_final": (line.closed_before_final,
            "closed before allocation was determined", "配额核定前关停", ()),
        "new_line": (line.new_line, "commissioned in the year", "当年新投产", ()),
        "small_entity": (small_entity, f"entity verified below {small.value:,} t",
            f"企业经核查排放量低于 {small.value:,} 吨", (small,)),
    }  # fmt: skip
    return {k: (en, zh, used) for k, (hit, en, zh, used) in candidates.items() if hit}


def is_small_entity(p: ParametersAt, verified_tco2: float) -> bool:
    limit = float(p("industry_small_entity_max_tco2"))
    return limit > 0 and verified_tco2 < limit


def intensity(
    p: ParametersAt, sector: str, line: IndustryLine, index: int
) -> tuple[float, str, UsedValue]:
    """The intensity I of the deviation X, its formula, and the basis parameter used."""
    basis = p.used("industry_intensity_basis", sector)
    if basis.value == "key_processes":
        eb, et, qb = line.ironmaking_tco2, line.sintering_tco2, line.ironmaking_output_t
        if eb is None or et is None or qb is None:
            raise _needs_key_processes(index)
        return (eb + et) / qb, "Is = (Eb + Et) / Qb", basis
    return line.verified_tco2 / line.output_t, "I = E / output", basis


def _needs_key_processes(index: int) -> InputError:
    return InputError.one(
        Location(field=f"lines[{index}].ironmaking_output_t"),
        "the steel deviation X uses (ironmaking + sintering emissions) / ironmaking-process "
        "output: give ironmaking_tco2, sintering_tco2 and ironmaking_output_t",
        "钢铁企业碳排放强度偏离度按（炼铁工序排放量 + 烧结工序排放量）/ 炼铁工序产品产量计算，"
        "请填写炼铁工序碳排放量、烧结工序碳排放量和炼铁工序产品产量",
        "add the three figures of D25 Table 2-2 ①②③ to the line",
        "请按表2-2 ①②③补充数据",
    )
