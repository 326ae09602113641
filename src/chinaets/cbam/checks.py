"""Checks of a goods file against the CBAM law and the installation: each problem names the
line and column and says how to fix it, in Chinese and English."""

from __future__ import annotations

from chinaets.cbam.goods import ElectricityRow, GoodRow, GoodsInput, PrecursorRow
from chinaets.cbam.law import CbamLaw
from chinaets.cbam.model import Installation
from chinaets.core.errors import InputError, Problem
from chinaets.core.terms import zh_term


def zh(category: str) -> str:
    """A goods category in Chinese (terms.yaml, where every code's Chinese term lives)."""
    return zh_term(category)


def check_goods(goods: GoodsInput, law: CbamLaw, year: int) -> None:
    """Codes inside the CBAM and periods matching the reporting period (before any figure)."""
    problems: list[Problem] = []
    coded: list[GoodRow | PrecursorRow] = [*goods.goods, *goods.precursors]
    consuming: list[PrecursorRow | ElectricityRow] = [*goods.precursors, *goods.electricity]
    for row in coded:
        if law.category(row.cn_code) is None:
            problems.append(_outside(goods, row, "cn_code", row.cn_code))
    for user in consuming:
        if law.category(user.consumed_by) is None:
            problems.append(_outside(goods, user, "consumed_by", user.consumed_by))
    dated: list[GoodRow | PrecursorRow | ElectricityRow] = [*coded, *goods.electricity]
    for line in dated:
        if line.period is not None and line.period != year:
            problems.append(Problem(
                goods.where(line, "period"),
                f"period {line.period} does not match the reporting period {year} of the "
                "installation's report (IR 2025/2547 Art. 13: precursors count in the year the "
                "good is produced)",
                f"期间 {line.period} 与设施报告的报告期 {year} 不一致（前体按商品生产年度计入）",
                f"use {year}, or account the {line.period} report for that year's goods",
                f"请填写 {year}，或使用 {line.period} 年度的报告计算当年商品",
            ))  # fmt: skip
    if problems:
        raise InputError(problems)


def check_consumers(goods: GoodsInput, law: CbamLaw, declared: set[str]) -> None:
    """Precursors and electricity go to a declared good's process; precursors are relevant ones."""
    problems: list[Problem] = []
    consuming: list[PrecursorRow | ElectricityRow] = [*goods.precursors, *goods.electricity]
    for row in consuming:
        consumer = law.category(row.consumed_by) or ""
        if consumer not in declared:
            problems.append(Problem(
                goods.where(row, "consumed_by"),
                f"consumed_by {row.consumed_by} ({consumer}) is not a good of this file",
                f"consumed_by {row.consumed_by}（{zh(consumer)}）不是本文件申报的商品",
                "name the CN code of a 'good' line", "请填写某一 good 行的 CN 编码",
            ))  # fmt: skip
    for row in goods.precursors:
        consumer, precursor = law.category(row.consumed_by) or "", law.category(row.cn_code) or ""
        if consumer in declared and not law.is_precursor(consumer, precursor):
            problems.append(Problem(
                goods.where(row, "cn_code"),
                f"{precursor} is not a relevant precursor of {consumer} (IR 2025/2547 Annex II)",
                f"{zh(precursor)} 不是 {zh(consumer)} 的相关前体（实施条例 2025/2547 附件二）",
                "remove the line or correct the CN code", "请删除该行或更正 CN 编码",
            ))  # fmt: skip
    if problems:
        raise InputError(problems)


def check_hosted(goods: GoodsInput, law: CbamLaw, installation: Installation) -> None:
    """Every good's category is made here; own precursors are made here too."""
    problems: list[Problem] = []
    made = set(installation.cbam_processes())
    for row in goods.goods:
        category = law.category(row.cn_code) or ""
        if category not in made:
            problems.append(Problem(
                goods.where(row, "cn_code"),
                f"CN {row.cn_code} is {category}, which this {installation.sector} installation "
                f"does not produce (it makes: {', '.join(sorted(made))})",
                f"CN {row.cn_code} 属于{zh(category)}，本设施不生产该类商品",
                "list only goods made at this installation", "仅填写本设施生产的商品",
            ))  # fmt: skip
    for precursor in goods.precursors:
        category = law.category(precursor.cn_code) or ""
        if precursor.own and category not in made:
            problems.append(Problem(
                goods.where(precursor, "origin"),
                f"own precursor {precursor.cn_code} ({category}) is not produced at this installation",
                f"自产前体 {precursor.cn_code}（{zh(category)}）不在本设施生产",
                "give its country of origin and the supplier's data (purchased precursor)",
                "请填写原产国及供应商数据（外购前体）",
            ))  # fmt: skip
    if problems:
        raise InputError(problems)


def _outside(goods: GoodsInput, row: object, column: str, cn: str) -> Problem:
    return Problem(
        goods.where(row, column),
        f"CN {cn} is outside the CBAM (Regulation (EU) 2023/956 Annex I: cement, iron and steel, "
        "aluminium goods as listed; scrap 7204/7602 and ferro-alloys other than FeMn, FeCr, FeNi "
        "are not covered)",
        f"CN {cn} 不属于 CBAM 覆盖范围（条例 2023/956 附件一）",
        "remove the line or correct the code (8-digit CN, e.g. 7208 39 00)",
        "请删除该行或更正编码（8 位 CN 编码，如 7208 39 00）",
    )
