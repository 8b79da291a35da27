import pytest

from helpers import ParameterError, check_float, check_int


def test_check_int_accepts_values_in_range():
    assert check_int("EPOCHS", 1, 1, 10) == 1
    assert check_int("EPOCHS", 10, 1, 10) == 10


@pytest.mark.parametrize("value", [0, 11, 2.5, True, "3", None])
def test_check_int_rejects_with_japanese_range(value):
    with pytest.raises(ParameterError, match=r"パラメータ EPOCHS の値 .*1 以上 10 以下の整数"):
        check_int("EPOCHS", value, 1, 10)


def test_check_float_returns_float_and_rejects_out_of_range():
    assert check_float("LR", 1, 0.0, 1.0) == 1.0
    with pytest.raises(ParameterError, match=r"LR .*0\.0001 以上 1 以下の数値"):
        check_float("LR", 2.0, 1e-4, 1.0)
    with pytest.raises(ParameterError):
        check_float("LR", False, 0.0, 1.0)


def test_parameter_error_is_a_value_error():
    assert issubclass(ParameterError, ValueError)
