import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from helpers import (
    CourseError,
    DataFileError,
    load_airline_passengers,
    load_tokyo_temperature,
    verify_data_file,
)
from helpers.data import DATA_DIR, TOKYO_ATTRIBUTION, read_checksums, sha256_of
from tools import ROOT


def test_every_shipped_file_is_listed_with_its_checksum():
    listed = read_checksums()
    shipped = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*")
               if p.is_file() and p.name not in ("README.md", "SHA256SUMS")}
    assert set(listed) == shipped
    for name, digest in listed.items():
        assert sha256_of(DATA_DIR / name) == digest, name


def test_airline_passengers_facts():
    s = load_airline_passengers()
    assert len(s) == 144
    assert s.months[0] == np.datetime64("1949-01") and s.months[-1] == np.datetime64("1960-12")
    assert (s.values[0], s.values[-1], s.values.sum()) == (112, 432, 40363)
    assert np.all(np.diff(s.months).astype(int) == 1)


def test_tokyo_temperature_facts():
    s = load_tokyo_temperature()
    assert len(s) == 1200
    assert s.months[0] == np.datetime64("1924-01") and s.months[-1] == np.datetime64("2023-12")
    assert np.all(np.diff(s.months).astype(int) == 1)
    assert s.source == TOKYO_ATTRIBUTION and "2014-12-02" in s.caveat


def test_data_readme_states_the_attribution_and_caveat():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert TOKYO_ATTRIBUTION in readme
    assert "2014-12-02" in readme
    for digest in read_checksums().values():
        assert digest in readme


@pytest.fixture
def data_copy(tmp_path):
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def test_missing_file_says_how_to_restore(data_copy):
    (data_copy / "airline_passengers.csv").unlink()
    with pytest.raises(DataFileError, match=r"見つかりません.*git checkout -- data/airline_passengers\.csv"):
        load_airline_passengers(data_copy)


def test_altered_file_is_refused(data_copy):
    path = data_copy / "tokyo_monthly_temperature.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2.7", "9.9", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match="SHA-256 が一致しません"):
        load_tokyo_temperature(data_copy)


def test_wrong_columns_are_refused(data_copy):
    path = data_copy / "airline_passengers.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("passengers", "count", 1), encoding="utf-8")
    sums = (data_copy / "SHA256SUMS").read_text(encoding="utf-8")
    sums = sums.replace(read_checksums()["airline_passengers.csv"], sha256_of(path))
    (data_copy / "SHA256SUMS").write_text(sums, encoding="utf-8")
    with pytest.raises(DataFileError, match="列名が month,passengers ではありません"):
        load_airline_passengers(data_copy)


def test_missing_checksum_list(data_copy):
    (data_copy / "SHA256SUMS").unlink()
    with pytest.raises(DataFileError, match="チェックサムの一覧"):
        verify_data_file("airline_passengers.csv", data_copy)


def test_data_file_error_is_a_course_error_not_a_missing_file_error():
    # 中身や列名が違うときにも出るので、「ファイルが無い」ことを表す OSError の仲間にはしません。
    assert issubclass(DataFileError, CourseError)
    assert not issubclass(DataFileError, OSError)


def test_series_arrays_have_the_documented_types():
    s = load_airline_passengers()
    assert s.months.dtype == np.dtype("datetime64[M]") and s.values.dtype == np.float64


def test_unknown_file_name():
    with pytest.raises(DataFileError, match="コース外のファイル"):
        verify_data_file("secret.csv")


def git(*args, cwd):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def test_windows_line_endings_do_not_reach_the_data(tmp_path):
    """Windows の Git の既定 (core.autocrlf=true) で clone しても、data/ は配布時と 1 バイトも違わないこと。

    clone するのはコミット済みの版です (作業中の変更は含みません)。data/README.md の「元に戻すには」の
    手順でも、その設定のまま元に戻せることも確かめます。
    """
    clone = tmp_path / "clone"
    git("-c", "core.autocrlf=true", "clone", "--quiet", str(ROOT), str(clone), cwd=tmp_path)
    data_dir = clone / "data"
    for name in read_checksums(data_dir):
        verify_data_file(name, data_dir)
    assert len(load_tokyo_temperature(data_dir)) == 1200
    broken = data_dir / "airline_passengers.csv"
    broken.write_bytes(broken.read_bytes().replace(b"\n", b"\r\n"))  # 改行を CRLF に変えてしまったファイル
    with pytest.raises(DataFileError, match="削除してから"):
        load_airline_passengers(data_dir)
    broken.unlink()
    git("-c", "core.autocrlf=true", "checkout", "--", "data/airline_passengers.csv", cwd=clone)
    assert len(load_airline_passengers(data_dir)) == 144
