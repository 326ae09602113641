"""The CCER lifecycle as data: every allowed transition, its time limit and its legal source.

Two subjects move through it: a *project* (design notice → validation → registration →
monitoring → deregistration) and a *reduction instalment* (accounting report → notice →
verification → registration → issuance → trading and cancellation of its units). Anything not
in `TRANSITIONS` is forbidden: `transition_for` raises a bilingual error and nothing changes.

A time limit is a parameter in working days with a kind:
- ``notice``: the step starts a public notice; the next step may only happen after it ends;
- ``review``: the step starts a registry review that is due by the end of the period (a late
  decision is recorded as overdue, not refused: the applicant is not at fault).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chinaets.ccer.rules import MEASURES
from chinaets.core.errors import InputError, Location


class Subject(StrEnum):
    PROJECT = "project"
    REDUCTION = "reduction"


class ProjectState(StrEnum):
    NEW = "new"
    DRAFT = "draft"
    DESIGN_NOTICE = "design_notice"
    VALIDATED = "validated"
    NOT_VALIDATED = "not_validated"
    UNDER_REVIEW = "under_review"
    REGISTERED = "registered"
    REJECTED = "rejected"
    MONITORING = "monitoring"
    DEREGISTERED = "deregistered"
    LEGACY = "legacy"


class ReductionState(StrEnum):
    NEW = "new"
    ACCOUNTED = "accounted"
    IN_NOTICE = "in_notice"
    VERIFIED = "verified"
    UNDER_REVIEW = "under_review"
    REGISTERED = "registered"
    REJECTED = "rejected"
    ISSUED = "issued"


STATE_ZH = {
    "draft": "草稿",
    "design_notice": "项目设计文件公示中",
    "validated": "审定通过",
    "not_validated": "审定未通过",
    "under_review": "登记审核中",
    "registered": "已登记",
    "rejected": "不予登记",
    "monitoring": "监测中",
    "deregistered": "已注销登记",
    "legacy": "原有项目（2017年前备案）",
    "new": "新建",
    "accounted": "已核算",
    "in_notice": "减排量公示中",
    "verified": "已核查",
    "issued": "已签发",
}


@dataclass(frozen=True)
class Transition:
    subject: Subject
    action: str
    source: str
    target: str
    en: str
    zh: str
    legal_source: str
    period: str | None = None  # parameter name of the period, in working days
    period_kind: str | None = None  # "notice" or "review"

    def as_dict(self) -> dict[str, str | None]:
        return {
            "subject": self.subject.value,
            "action": self.action,
            "from": self.source,
            "to": self.target,
            "en": self.en,
            "zh": self.zh,
            "legal_source": self.legal_source,
            "period": self.period,
            "period_kind": self.period_kind,
        }


P, R = Subject.PROJECT, Subject.REDUCTION
PS, RS = ProjectState, ReductionState


def _art(n: str) -> str:
    return f"{MEASURES} 第{n}条"


# One transition per block, laid out by hand so the table reads down the page:
# subject, action, from-state, to-state; the step in English; in Chinese; legal source and
# the optional time limit (parameter name, kind).
# fmt: off
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        P, "create",                   PS.NEW,           PS.DRAFT,
        "prepare the design document under a published methodology",
        "按已发布的方法学编制项目设计文件",
        _art("九、十、十一"),
    ),
    Transition(
        P, "publish_design",           PS.DRAFT,         PS.DESIGN_NOTICE,
        "publish the project design document for public notice",
        "公示项目设计文件",
        _art("十二"), "design_notice_working_days", "notice",
    ),
    Transition(
        P, "comment",                  PS.DESIGN_NOTICE, PS.DESIGN_NOTICE,
        "comment on the design document during its notice",
        "公示期内对项目设计文件提出意见",
        _art("十二"),
    ),
    Transition(
        P, "file_validation",          PS.DESIGN_NOTICE, PS.VALIDATED,
        "file a positive validation report after the notice",
        "公示期满后提交审定报告（审定通过）",
        _art("十三"),
    ),
    Transition(
        P, "file_negative_validation", PS.DESIGN_NOTICE, PS.NOT_VALIDATED,
        "file a negative validation report",
        "提交审定报告（审定不通过）",
        _art("十三"),
    ),
    Transition(
        P, "revise",                   PS.NOT_VALIDATED, PS.DRAFT,
        "revise the design document after a negative validation",
        "审定未通过后修改项目设计文件",
        _art("十三") + "（重新申请：chinaets 约定）",
    ),
    Transition(
        P, "revise",                   PS.REJECTED,      PS.DRAFT,
        "revise and start again after a rejection",
        "不予登记后修改并重新申请",
        _art("十五") + "（重新申请：chinaets 约定）",
    ),
    Transition(
        P, "apply_registration",       PS.VALIDATED,     PS.UNDER_REVIEW,
        "apply for project registration",
        "申请项目登记",
        _art("十四"), "registration_review_working_days", "review",
    ),
    Transition(
        P, "register",                 PS.UNDER_REVIEW,  PS.REGISTERED,
        "registry registers the project and publishes its materials",
        "注册登记机构登记项目并公开材料",
        _art("十五"),
    ),
    Transition(
        P, "reject",                   PS.UNDER_REVIEW,  PS.REJECTED,
        "registry rejects an incomplete or non-compliant application",
        "注册登记机构不予登记",
        _art("十五"),
    ),
    Transition(
        P, "start_monitoring",         PS.REGISTERED,    PS.MONITORING,
        "start monitoring under the registered plan",
        "按登记的监测计划开始监测",
        _art("十七"),
    ),
    Transition(
        P, "deregister",               PS.REGISTERED,    PS.DEREGISTERED,
        "deregister the project (owner gone, discontinued or by request); it cannot register again",
        "注销项目登记（不得再次申请登记）",
        _art("十六"),
    ),
    Transition(
        P, "deregister",               PS.MONITORING,    PS.DEREGISTERED,
        "deregister the project (owner gone, discontinued or by request); it cannot register again",
        "注销项目登记（不得再次申请登记）",
        _art("十六"),
    ),
    Transition(
        R, "file_report",              RS.NEW,           RS.ACCOUNTED,
        "file the monitoring and reduction accounting report",
        "提交减排量核算报告",
        _art("十七"),
    ),
    Transition(
        R, "publish_reductions",       RS.ACCOUNTED,     RS.IN_NOTICE,
        "publish the reduction report for public notice",
        "公示减排量核算报告",
        _art("十九"), "reduction_notice_working_days", "notice",
    ),
    Transition(
        R, "comment",                  RS.IN_NOTICE,     RS.IN_NOTICE,
        "comment on the reduction report during its notice",
        "公示期内对减排量核算报告提出意见",
        _art("十九"),
    ),
    Transition(
        R, "file_verification",        RS.IN_NOTICE,     RS.VERIFIED,
        "file the verification report of a body other than the validator, after the notice",
        "公示期满后提交核查报告（核查机构不得为审定机构）",
        _art("十八、二十"),
    ),
    Transition(
        R, "apply_registration",       RS.VERIFIED,      RS.UNDER_REVIEW,
        "apply to register the verified quantity",
        "申请减排量登记（数量与核查结果一致）",
        _art("二十一"), "reduction_review_working_days", "review",
    ),
    Transition(
        R, "register",                 RS.UNDER_REVIEW,  RS.REGISTERED,
        "registry registers the reductions",
        "注册登记机构登记减排量",
        _art("二十二"),
    ),
    Transition(
        R, "reject",                   RS.UNDER_REVIEW,  RS.REJECTED,
        "registry refuses to register the reductions",
        "注册登记机构不予登记减排量",
        _art("二十二"),
    ),
    Transition(
        R, "issue",                    RS.REGISTERED,    RS.ISSUED,
        "issue the registered quantity as serial-numbered CCER into the owner's account",
        "将登记的减排量以带序列号的 CCER 记入项目业主账户",
        _art("二十二"),
    ),
    Transition(
        R, "transfer",                 RS.ISSUED,        RS.ISSUED,
        "trade CCER of this instalment (Beijing Green Exchange)",
        "交易本期 CCER（北京绿色交易所）",
        _art("二十五"),
    ),
    Transition(
        R, "cancel",                   RS.ISSUED,        RS.ISSUED,
        "cancel CCER: ETS offsetting, voluntary, event or corporate neutrality",
        "注销 CCER：碳市场抵销、自愿注销、大型活动或企业碳中和",
        _art("二十八"),
    ),
)
# fmt: on


def states(subject: Subject) -> tuple[str, ...]:
    kind = ProjectState if subject is Subject.PROJECT else ReductionState
    return tuple(s.value for s in kind)


def actions(subject: Subject) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.action for t in TRANSITIONS if t.subject is subject))


def allowed_actions(subject: Subject, state: str) -> list[str]:
    return [t.action for t in TRANSITIONS if t.subject is subject and t.source == state]


def transition_for(subject: Subject, state: str, action: str, ident: str = "") -> Transition:
    """The allowed transition of `action` from `state`, or a bilingual error naming what is."""
    for t in TRANSITIONS:
        if t.subject is subject and t.source == state and t.action == action:
            return t
    what = f"{subject.value} {ident}".strip()
    what_zh = f"{'项目' if subject is Subject.PROJECT else '减排量'} {ident}".strip()
    allowed = allowed_actions(subject, state)
    known = action in actions(subject)
    en = (
        f"{what} is '{state}': '{action}' is not allowed now"
        if known
        else f"'{action}' is not a step of the {subject.value} lifecycle"
    )
    zh = (
        f"{what_zh} 当前状态为“{STATE_ZH.get(state, state)}”，不能执行“{action}”"
        if known
        else f"“{action}”不是{what_zh.split()[0]}生命周期中的步骤"
    )
    listing = ", ".join(allowed) or "none (final state)"
    listing_zh = "、".join(allowed) or "无（终止状态）"
    return_error = InputError.one(
        Location(field="action"),
        en,
        zh,
        f"steps allowed in state '{state}': {listing}",
        f"“{STATE_ZH.get(state, state)}”状态下可执行：{listing_zh}",
    )
    raise return_error


def markdown_table() -> str:
    """The transition table as Markdown (docs/ccer.md embeds it; a test keeps them equal)."""
    lines = [
        "| subject | from | action | to | time limit | step / 步骤 | legal source |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in TRANSITIONS:
        limit = f"`{t.period}` ({t.period_kind})" if t.period else ""
        lines.append(
            f"| {t.subject.value} | {t.source} | `{t.action}` | {t.target} | {limit} "
            f"| {t.en} / {t.zh} | {t.legal_source} |"
        )
    return "\n".join(lines)
