import pytest
import torch

from helpers import DeviceNotAvailableError, describe_device, get_device
from helpers import device as device_module


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device_module, "mps_available", lambda: False)
    monkeypatch.delenv("COURSE_DEVICE", raising=False)


def test_auto_falls_back_to_cpu(no_gpu):
    assert get_device() == torch.device("cpu")
    assert get_device("auto") == torch.device("cpu")


def test_auto_picks_cuda_or_cpu_but_never_mps(monkeypatch, no_gpu):
    monkeypatch.setattr(device_module, "mps_available", lambda: True)
    assert get_device() == torch.device("cpu")  # 確かめていない MPS は、頼まれたときだけ
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert get_device() == torch.device("cuda")


def test_mps_when_asked_says_what_differs(monkeypatch, no_gpu, capsys):
    monkeypatch.setattr(device_module, "mps_available", lambda: True)
    assert get_device("mps") == torch.device("mps")
    note = capsys.readouterr().out
    assert "float64" in note and "CPU と NVIDIA の GPU で確かめた" in note


def test_argument_wins_over_environment(monkeypatch, no_gpu):
    monkeypatch.setenv("COURSE_DEVICE", "cuda")
    assert get_device("cpu") == torch.device("cpu")
    with pytest.raises(DeviceNotAvailableError, match="環境変数 COURSE_DEVICE"):
        get_device()


@pytest.mark.parametrize("name", [None, "", "auto", " Auto "])
def test_auto_and_empty_mean_not_specified_so_the_environment_decides(monkeypatch, no_gpu, name):
    # ノートブックは DEVICE = "auto" のまま get_device(DEVICE) を呼ぶので、"auto" は
    # 「指定なし」として扱い、環境変数 COURSE_DEVICE が効くようにします。
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setenv("COURSE_DEVICE", "cpu")
    assert get_device(name) == torch.device("cpu")
    monkeypatch.setenv("COURSE_DEVICE", "mps")
    with pytest.raises(DeviceNotAvailableError, match="環境変数 COURSE_DEVICE で Apple の GPU"):
        get_device(name)


@pytest.mark.parametrize("value", ["", "auto", "AUTO"])
def test_environment_auto_or_empty_picks_the_fastest(monkeypatch, no_gpu, value):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setenv("COURSE_DEVICE", value)
    assert get_device("auto") == torch.device("cuda")


def test_missing_cuda_says_how_to_get_one_on_colab(no_gpu):
    with pytest.raises(DeviceNotAvailableError, match="ランタイムのタイプを変更"):
        get_device("cuda")


def test_cuda_index_out_of_range(monkeypatch, no_gpu):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert get_device("cuda:0") == torch.device("cuda:0")
    with pytest.raises(DeviceNotAvailableError, match="GPU は 1 台"):
        get_device("cuda:3")


def test_missing_mps(no_gpu):
    with pytest.raises(DeviceNotAvailableError, match="Apple Silicon"):
        get_device("mps")


@pytest.mark.parametrize("name", ["gpu", "tpu", "xla"])
def test_unknown_device_names(no_gpu, name):
    with pytest.raises(DeviceNotAvailableError, match="'cpu'、'cuda'、'mps'、'auto'"):
        get_device(name)


def test_describe_cpu():
    assert describe_device(torch.device("cpu")) == "cpu"
    assert describe_device(torch.device("mps")).startswith("mps")

