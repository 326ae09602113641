"""Every enumerated value a user meets in an input has its Chinese term."""

from __future__ import annotations

from chinaets.core.terms import code_for, terms, zh_term
from chinaets.inputs.schema_base import choices
from chinaets.mrv.sectors import sectors


def test_every_enumerated_input_value_has_a_chinese_term() -> None:
    missing = set()
    for sector in sectors().values():
        for table, model in sector.tables.items():
            for key in model.model_fields:
                codes, own = choices(model, key)
                if key in ("sector", "schema_version"):
                    continue  # fixed by the file, never typed by a user
                missing |= {(sector.name, table, key, c) for c in codes if zh_term(c, own) == c}
    assert not missing, sorted(missing)


def test_terms_are_unambiguous_and_read_back() -> None:
    by_term: dict[str, str] = {}
    for code, term in terms().items():
        assert by_term.setdefault(term, code) == code, f"{term} names {by_term[term]} and {code}"
        assert code_for(term, [code]) == code
        assert code_for(f"{term} {code}", [code]) == code
    assert code_for("背压", ["condensing", "chp"]) is None
