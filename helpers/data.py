"""data/ にある CSV を読み込む関数。

読み込む前に SHA-256 (data/SHA256SUMS) と列名を確かめ、ファイルが無い・壊れている・
書き換えられているときは、元に戻す方法を添えた DataFileError を出します。
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from helpers.errors import DataFileError

if TYPE_CHECKING:
    # NumPy は CSV を配列にするときだけ読み込みます。ファイルの確かめ (doctor のデータの項目) は
    # NumPy が入っていない環境でも動き、足りないものを正しく伝えられます。
    import numpy as np
    import numpy.typing as npt

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKSUM_FILE = "SHA256SUMS"

AIRLINE_FILE = "airline_passengers.csv"
TOKYO_FILE = "tokyo_monthly_temperature.csv"

TOKYO_ATTRIBUTION = (
    "出典：気象庁ホームページ（https://www.data.jma.go.jp/stats/etrn/index.php）を加工して作成"
)
TOKYO_CAVEAT = (
    "観測所の生データで、均質化されていません。東京の観測所は 2014-12-02 に大手町から"
    "北の丸公園へ移転し、新しい場所は年平均気温が約 0.9 ℃ 低く観測されます (気象庁は"
    " 1981〜2010 年の平年値を 16.3 ℃ から 15.4 ℃ に補正: 気象庁観測部 2016『測候時報』83 巻)。"
    "この系列は移転の前後を補正せずにつないでいます。長期の昇温の一部は都市化の影響です。"
)


@dataclass(frozen=True)
class MonthlySeries:
    """月ごとの時系列 1 本分のデータです。"""

    name: str
    months: npt.NDArray[np.datetime64]  # datetime64[M] (年月) の配列
    values: npt.NDArray[np.float64]
    unit: str
    source: str
    caveat: str = ""

    def __len__(self) -> int:
        return len(self.values)


class _MonthlyColumns(NamedTuple):
    """月ごとの CSV から読んだ 2 列です。"""

    months: npt.NDArray[np.datetime64]
    values: npt.NDArray[np.float64]


def _restore_hint(name: str) -> str:
    return (
        f"data/{name} を削除してから、リポジトリの最上位で `git checkout -- data/{name}` を実行して"
        "元に戻してください (ZIP で入手したときは、ZIP からもう一度 data/ を取り出します。"
        "Colab ではランタイムを再起動し、最初のセルから実行し直してください)。"
    )


def read_checksums(data_dir: Path | None = None) -> dict[str, str]:
    """data/SHA256SUMS を読み、ファイル名から SHA-256 への辞書を返します。"""
    path = (data_dir or DATA_DIR) / CHECKSUM_FILE
    if not path.is_file():
        raise DataFileError(f"チェックサムの一覧 {path} がありません。{_restore_hint(CHECKSUM_FILE)}")
    sums: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, filename = line.split(maxsplit=1)
            sums[filename.lstrip("*")] = digest
    return sums


def sha256_of(path: Path) -> str:
    """ファイルの SHA-256 を 16 進数の文字列で返します。"""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_data_file(name: str, data_dir: Path | None = None) -> Path:
    """data/ のファイル ``name`` があり、SHA-256 が一覧と一致することを確かめてパスを返します。"""
    __tracebackhide__ = True  # 理由は helpers/errors.py の冒頭を見てください
    data_dir = data_dir or DATA_DIR
    expected = read_checksums(data_dir).get(name)
    if expected is None:
        raise DataFileError(f"{name} は data/SHA256SUMS に載っていない、コース外のファイルです。")
    path = data_dir / name
    if not path.is_file():
        raise DataFileError(f"データファイル data/{name} が見つかりません。{_restore_hint(name)}")
    if sha256_of(path) != expected:
        raise DataFileError(
            f"データファイル data/{name} の中身が配布時と違います (SHA-256 が一致しません)。"
            f"{_restore_hint(name)}"
        )
    return path


def _read_monthly_csv(name: str, value_column: str, data_dir: Path | None) -> _MonthlyColumns:
    __tracebackhide__ = True
    import numpy as np

    path = verify_data_file(name, data_dir)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != ["month", value_column]:
        raise DataFileError(
            f"data/{name} の列名が month,{value_column} ではありません。{_restore_hint(name)}"
        )
    months = np.array([r[0] for r in rows[1:]], dtype="datetime64[M]")
    values = np.array([float(r[1]) for r in rows[1:]], dtype=np.float64)
    return _MonthlyColumns(months, values)


def load_airline_passengers(data_dir: Path | None = None) -> MonthlySeries:
    """国際線の月間旅客数 (1949-01〜1960-12、単位は千人) を読み込みます。"""
    __tracebackhide__ = True
    months, values = _read_monthly_csv(AIRLINE_FILE, "passengers", data_dir)
    return MonthlySeries(
        name="国際線旅客数",
        months=months,
        values=values,
        unit="千人",
        source="Box, Jenkins & Reinsel『Time Series Analysis』の Series G (R の AirPassengers と同じ値)",
    )


def load_tokyo_temperature(data_dir: Path | None = None) -> MonthlySeries:
    """東京の月平均気温 (1924-01〜2023-12、単位は ℃、気象庁) を読み込みます。"""
    __tracebackhide__ = True
    months, values = _read_monthly_csv(TOKYO_FILE, "temperature_c", data_dir)
    return MonthlySeries(
        name="東京の月平均気温",
        months=months,
        values=values,
        unit="℃",
        source=TOKYO_ATTRIBUTION,
        caveat=TOKYO_CAVEAT,
    )


@dataclass(frozen=True)
class SeedPool:
    """シードプール: あるノートブックを乱数の種 0〜39 と 2 つの計算環境で実行した、種ごとの結果です。

    ``columns[環境][列の名前]`` が種の順の配列です。環境は ``"reference"`` (ふつうの設定) と
    ``"perturbed"`` (別の CPU を模した設定) です。``about`` は、どの PC で、何を実行したかの説明です。
    """

    name: str
    about: tuple[str, ...]
    columns: dict[str, dict[str, npt.NDArray[np.float64]]]

    def column(self, name: str, env: str = "reference") -> npt.NDArray[np.float64]:
        """環境 ``env`` の列 ``name`` (種 0, 1, 2, … の順) を返します。"""
        return self.columns[env][name]


def load_seed_pool(name: str, data_dir: Path | None = None) -> SeedPool:
    """data/seed_pool/<name>.csv (`make sweeps` が作るシードプール) を読み込みます。"""
    __tracebackhide__ = True
    import numpy as np

    path = verify_data_file(f"seed_pool/{name}.csv", data_dir)
    lines = path.read_text(encoding="utf-8").splitlines()
    about = tuple(line.lstrip("# ").strip() for line in lines if line.startswith("#"))
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    columns: dict[str, dict[str, npt.NDArray[np.float64]]] = {}
    for env in dict.fromkeys(row["env"] for row in rows):
        env_rows = [row for row in rows if row["env"] == env]
        columns[env] = {key: np.array([float(row[key]) for row in env_rows]) for key in env_rows[0] if key != "env"}
    return SeedPool(name, about, columns)
