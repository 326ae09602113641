"""Writes the corpus of broken and hostile CEMS inputs in ``bad_inputs/`` (run it to refresh).

Each packet line's expected outcome is in EXPECTED: the reason code of the refusal, or None for a
packet that must be stored.
"""

from __future__ import annotations

from pathlib import Path

from chinaets.cems.crc import frame

HERE = Path(__file__).parent / "bad_inputs"
MN = "010000A8900016F000169DC0"
CP_OK = (
    "a05001-Avg=12.5,a05001-Flag=N;a00000-Avg=569.38,a00000-Flag=N;a01014-Avg=10.0,a01014-Flag=N"
)


def _segment(
    cn: str = "2061", mn: str = MN, time: str = "20240115080000", cp: str = CP_OK, extra: str = ""
) -> str:
    return f"QN=20240115090005123;ST=31;CN={cn};PW=123456;MN={mn};Flag=4;{extra}CP=&&DataTime={time};{cp}&&"


LINES: list[tuple[str, str | None]] = [
    (frame(_segment()), None),
    (frame(_segment()).replace("F", "0", 1)[:-4] + "0000", "PACKET_CRC"),
    ("##9999" + _segment() + "ABCD", "PACKET_LENGTH"),
    ("hello, world", "PACKET_FORMAT"),
    ("", None),  # a blank line is skipped, not reported, and keeps the line count
    (
        frame("QN=20240115090005123;ST=91;CN=9014;PW=123456;MN=" + MN + ";Flag=4;CP=&&&&"),
        "PACKET_NOT_DATA",
    ),
    (frame(_segment(extra="PNUM=2;PNO=1;")), "PACKET_SPLIT"),
    (frame(_segment(mn="FFFFFFFFFFFFFFFFFFFFFFFF")), "PACKET_DEVICE"),
    (frame(_segment(time="20241315080000")), "PACKET_TIME"),
    (
        frame(
            _segment(
                time="20240115090000",
                cp="a05001-Avg=abc,a05001-Flag=N;a00000-Avg=569.38,a00000-Flag=N",
            )
        ),
        "ITEM_VALUE",
    ),
    (
        frame(
            _segment(
                time="20240115100000",
                cp="a05001-Avg=12.5,a05001-Flag=X;a00000-Avg=569.38,a00000-Flag=N",
            )
        ),
        "ITEM_FLAG",
    ),
    (
        frame(
            _segment(
                time="20240115110000",
                cp="a05001-Avg=12.5,a05001-Flag=N;a00000-Avg=1e3');DROP TABLE readings;--,a00000-Flag=N",
            )
        ),
        "ITEM_VALUE",
    ),
    (
        frame(
            _segment(
                time="20240115120000",
                cp="30-Avg=12.4,30-Flag=N;B02-Avg=570.0,B02-Flag=C;a21026-Avg=35.0",
            )
        ),
        None,
    ),
]

DEVICES = f"""mn,unit_id,province,code,unit,basis,ambient_pa
{MN},G1,Hebei,a05001,%,dry,
{MN},G1,Hebei,a00000,m3/s,standard_dry,
{MN},G1,Hebei,a01014,%,actual,
"""


def main() -> None:
    HERE.mkdir(exist_ok=True)
    (HERE / "packets.txt").write_text(
        "\r\n".join(line for line, _ in LINES) + "\r\n", encoding="utf-8"
    )
    (HERE / "devices.csv").write_text(DEVICES, encoding="utf-8")
    (HERE / "devices_bad.csv").write_text(
        "mn,unit_id,province,code,unit,basis\n"
        f"{MN},G1,Atlantis,a05001,%,dry\n"
        f"{MN},G1,Hebei,a05001,furlongs,dry\n"
        f"{MN},G1,Hebei,a99999,%,dry\n"
        f"{MN},G2,Hebei,a00000,m3/s,sideways\n",
        encoding="utf-8",
    )
    (HERE / "export.csv").write_text(
        "mn,ts,period,code,value,flag\n"
        f"{MN},2024-01-15 08:00:00,hour,a05001,12.5,N\n"
        f"{MN},2024-01-15 08:00:00,hour,a00000,569.38,N\n"
        f"{MN},2024-01-15 08:00:00,hour,a01014,10,N\n"
        f"{MN},not a time,hour,a05001,12.5,N\n"
        f"{MN},2024-01-15 09:00:00,fortnight,a05001,12.5,N\n"
        f"NOBODY,2024-01-15 09:00:00,hour,a05001,12.5,N\n"
        f"{MN},20240115090000,hour,a05001,twelve,N\n",
        encoding="utf-8",
    )
    (HERE / "export_columns.csv").write_text("mn,when,value\nX,2024,1\n", encoding="utf-8")


if __name__ == "__main__":
    main()
