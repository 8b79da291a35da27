"""付録 06a (GAN の証拠): 本文の主張、本編との一致、演習の確かめ方のテストです。

本文が種について述べること (「たいてい …」「どの種でも …」) は、シードプール
data/seed_pool/06a_appendix_gan_evidence.csv のどの 10 個の組でも、どちらの環境でも成り立つことを確かめます。
付録の学習ループは、スイッチを切れば本編と同じ計算なので、本編のプールと同じ種・同じ環境の結果が一致する
ことも確かめます。ノイズの下限 (節 3) は種によらないので、ここで別の書き方で計算し直します。
"""

import math

import numpy as np
import pytest
import torch

from helpers.exercises import CORRECT, NOT_YET, verdict
from tools.sweeps import Claim, claim_tests, read_pool


def mostly(flags, at_least=8):
    """10 個の種のうち ``at_least`` 個以上で真 (本文の「たいてい」)。"""
    return int(np.sum(flags)) >= at_least


def med(b, key):
    return float(np.median(b[key]))


CLAIMS = [
    # PLACEHOLDER
]

test_pool, test_live, test_text = claim_tests("06a_appendix_gan_evidence", CLAIMS)
