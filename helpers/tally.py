"""講師のための集計: 参加者がチャットに貼った「環境報告: …」の行を数えます。

``python -m helpers tally 貼り付けた.txt`` (ファイルを省くと標準入力から読みます)。行の中の「環境報告:」より
後ろだけを読むので、チャットの名前や時刻が前に付いていてもかまいません。標準ライブラリだけで動きます。
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable

MARKER = "環境報告:"


def parse(line: str) -> dict[str, str]:
    """1 行の報告を {項目: 値} にします。項目は場所・OS・Python・torch・デバイス・フォント・教材・判定 です。"""
    parts = [p.strip() for p in line.split(MARKER, 1)[1].split(" / ")]
    report = {"場所": parts[0], "OS": parts[1] if len(parts) > 1 else "?"}
    for part in parts[2:]:
        for key, prefix in (("Python", "Python "), ("torch", "torch "), ("フォント", "フォント "),
                            ("教材", "教材 "), ("フォルダ", "場所 "), ("判定", "判定 ")):
            if part.startswith(prefix):
                report[key] = part.removeprefix(prefix)
                break
        else:
            report.setdefault("デバイス", part)
    return report


def tally(lines: Iterable[str]) -> str:
    """報告の行を集計した文を返します。NG の人と、教材の版が多数派と違う人を挙げます。"""
    reports = [parse(line) for line in lines if MARKER in line]
    if not reports:
        return "「環境報告:」を含む行がありません。参加者が貼った行をそのまま渡してください。"
    ok = [r for r in reports if r.get("判定", "").startswith("OK")]
    versions = Counter(r.get("教材", "?") for r in reports)
    usual = versions.most_common(1)[0][0]
    lines_out = [f"報告 {len(reports)} 件: 判定 OK {len(ok)} 件、NG {len(reports) - len(ok)} 件"]
    for key in ("場所", "OS", "Python", "教材"):
        counts = Counter(r.get(key, "?") for r in reports)
        lines_out.append(f"{key}: " + "、".join(f"{value} ({n})" for value, n in counts.most_common()))
    for i, r in enumerate(reports, 1):
        notes = []
        if not r.get("判定", "").startswith("OK"):
            notes.append(f"判定 {r.get('判定', '?')}")
        if r.get("教材", "?") != usual:
            notes.append(f"教材の版が多数派 ({usual}) と違う: {r.get('教材', '?')}")
        if r.get("フォルダ", "OK") != "OK":
            notes.append(f"フォルダの場所 {r['フォルダ']}")
        if notes:
            lines_out.append(f"  {i} 件目 ({r['OS']}, Python {r.get('Python', '?')}): " + " / ".join(notes))
    return "\n".join(lines_out)


def main(path: str | None = None) -> int:
    text = open(path, encoding="utf-8").read() if path else sys.stdin.read()  # noqa: SIM115
    print(tally(text.splitlines()))
    return 0
