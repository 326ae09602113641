"""The steps of `chinaets demo`, in order, and the runner.

The demo is one producer of submissions among others: it builds and accounts the national
fleets, files their reports and monthly deposits through the platform's submit path, then
reads everything it prints (the national summary, the allocation, the dashboard's tables) from
the read model built on the store. Each capability appends its step to `STEPS`; a step reads
and extends the shared `DemoRun`.
"""

from __future__ import annotations

import json

from chinaets.demo.allocation_steps import allocation_step
from chinaets.demo.cbam_steps import CBAM_STEP
from chinaets.demo.industry_steps import INDUSTRY_STEPS
from chinaets.demo.market_steps import ccer_step, registry_step, trading_step
from chinaets.demo.platform_steps import platform_step
from chinaets.demo.power_steps import account_step, build_step, example_step, summary_step
from chinaets.demo.readmodel_steps import read_model_step, store_step
from chinaets.demo.reporting_steps import reporting_step
from chinaets.demo.run import DemoRun, Step


def dashboard_step(run: DemoRun) -> None:
    """Where to look next: the targets and the dashboard on this run's data."""
    run.next_steps += [
        f"chinaets targets --data {run.out}",
        f"chinaets serve --data {run.out} --no-login --browser   # "
        + run.say("the dashboard", "看板")
        + ", http://127.0.0.1:8000",
    ]


STEPS: list[Step] = [
    ("Build the national power fleet / 构建全国发电机组", build_step),
    ("Account every unit / 逐台机组核算", account_step),
    ("Write an example entity's input / 写出示例企业的输入文件", example_step),
    *INDUSTRY_STEPS,
    (
        "Platform: reports and deposits submitted, screened / 平台：报告与存证已提交并筛查",
        platform_step,
    ),
    (
        "Read model from the platform's store (Parquet) / 由平台存储构建读模型（Parquet）",
        store_step,
    ),
    ("National summary / 全国汇总", summary_step),
    CBAM_STEP,
    ("Reporting sectors, not yet trading / 报告行业，尚未纳入交易", reporting_step),
    ("Allocation and compliance / 配额分配与清缴", allocation_step),
    ("Registry: accounts and issuance / 注册登记：账户与签发", registry_step),
    ("Exchange: a trading day / 交易所：一个交易日", trading_step),
    ("CCER: projects, issuance, offsetting / CCER：项目、签发、抵销", ccer_step),
    ("Read model with the registry / 含注册登记的读模型", read_model_step),
    ("Dashboard / 看板", dashboard_step),
]
"""The demo, in order ("English / 中文" titles, printed in the reader's language). Later
capabilities append their steps here."""


def run_demo(run: DemoRun, steps: list[Step] | None = None) -> None:
    for title, step in steps or STEPS:
        if not run.as_json:
            run.progress_console.rule(run.say(*title.split(" / ", 1)) if " / " in title else title)
        step(run)
    run.payload.update(
        year=run.year,
        seed=run.seed,
        files={k: str(v) for k, v in run.files.items()},
        next_steps=run.next_steps,
    )
    if run.as_json:
        print(json.dumps(run.payload, ensure_ascii=False, indent=1))
        return
    run.console.print("\n" + run.say("Next steps:", "下一步："))
    for line in run.next_steps:
        run.console.print(f"  {line}", highlight=False, soft_wrap=True)
