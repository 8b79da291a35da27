"""ノートブック 03 (2 層ニューラルネットワーク) の演習の確かめ方です。

どの関数も、正しければ None を、違えば何が違いそうかを伝える日本語の文を返します (正解の値は書きません)。
"""

from __future__ import annotations

import copy
import math

import torch
import torch.nn.functional as F
from torch import nn

from helpers.exercises import as_number, exercise

_TOLERANCE = 1e-6  # 演習 1: 手計算の答え (ちょうど割り切れる数) と比べる幅
# 演習 2: 数値微分と逆伝播の勾配の相対誤差 (演習の文に書いた幅)。種 0〜199 のデータで測ると、ε = 1e-6 の中心差分は
# 5e-9 以下、前進差分 (L(w + ε) − L(w)) / ε は 2.2e-7 以上なので、その間にとります。
_RELATIVE_TOLERANCE = 1e-7
_NEAR_MISS = 1e-5  # 演習 2: これより小さい誤差は、前進差分 (か ε の違い) の誤差の大きさ
_MIN_ACCURACY = 0.95  # 演習 3: テストデータの正解率の下限 (演習の文に書いた値)
_HIDDEN = 32  # 演習 3: 隠れ層のユニットの数
# 演習 3: テストデータでの損失の勾配の大きさ ÷ 学習データでの大きさ。学習データで学習すると 2 以上、
# テストデータで学習すると 0.25 以下だった (種 0〜39) ので、その間にとります。
_TEST_TRAINED_RATIO = 0.7


def _near(value: float, target: float, tolerance: float = _TOLERANCE) -> bool:
    return abs(value - target) <= tolerance


@exercise("03-1", names=("grad_w", "grad_b"), hints=(
    "まず順伝播です: z = w × x + b、a = ReLU(z)、L = (a − t)²。b = −4 なので z の符号に注意します。",
    "ReLU のその場の微分は、z > 0 なら 1、z ≤ 0 なら 0 です。dL/dz = dL/da × (その場の微分) から、"
    "dL/dw = dL/dz × x、dL/db = dL/dz × 1 を計算します。",
))
def relu_gradient(grad_w: object, grad_b: object) -> str | None:
    """演習 1: x = 2、w = 1.5、b = −4、t = 0.5 のニューロンの dL/dw と dL/db。"""
    gw, gb = as_number(grad_w), as_number(grad_b)
    if gw is None or gb is None:
        return "grad_w と grad_b には、数を 1 つずつ (例: 1.5) 入れてください。"
    if not (math.isfinite(gw) and math.isfinite(gb)):
        return "grad_w か grad_b が nan か inf です。順伝播から計算し直してください。"
    if _near(gw, 0.0) and _near(gb, 0.0):
        return None
    if _near(gw, 6.0) and _near(gb, 3.0):
        return "それは b = −1 (節 2) のときの勾配です。b = −4 にすると z も変わるので、順伝播から計算し直してください。"
    if _near(gw, -2.0) and _near(gb, -1.0):
        return ("ReLU のその場の微分を 1 にしていませんか? その場の微分は z の符号で決まります (z > 0 なら 1、"
                "z ≤ 0 なら 0)。順伝播で z を計算し直し、その z でのその場の微分を dL/da に掛けて dL/dz に"
                "してください。")
    if _near(gw, -6.0) and _near(gb, -3.0):
        return "ReLU を通し忘れていませんか? z が負のとき、a = ReLU(z) は z ではなく 0 です。"
    if _near(gw, 0.0) != _near(gb, 0.0):
        return ("片方だけが 0 です。dL/dw と dL/db はどちらも同じ dL/dz を通るので、dL/dz が 0 なら両方 0、"
                "そうでなければ両方 0 ではありません。")
    return "勾配が違います。z の値と、その z での ReLU のその場の微分 (z > 0 なら 1、z ≤ 0 なら 0) を確かめてください。"


@exercise("03-2", names=("numerical", "analytic"), hints=(
    "params_check[\"W1\"][0, 0] に eps を足して損失を計算し、次に 2 * eps を引いて (元の値 − eps) もう一度計算します。"
    "numpy_loss_and_grads は (損失, 勾配の辞書) の組を返すので、loss, _ = ... で損失だけを取り出します。",
    "中心差分は (L(w + ε) − L(w − ε)) / (2ε) です。分母の 2 を忘れないでください。",
))
def numerical_gradient(numerical: object, analytic: object) -> str | None:
    """演習 2: W1[0, 0] の中心差分 (ε = 1e-6) が、逆伝播の勾配 analytic と相対誤差 1e-7 未満で合う。"""
    if isinstance(numerical, tuple):
        return ("numerical が組 (tuple) です。numpy_loss_and_grads は (損失, 勾配の辞書) を返すので、"
                "loss_plus, _ = numpy_loss_and_grads(...) のように損失だけを取り出してください。")
    num, ana = as_number(numerical), as_number(analytic)
    if ana is None:
        return "analytic が数ではありません。演習の設定のセルをもう一度実行してください。"
    if num is None:
        return "numerical には数を 1 つ入れてください (中心差分で求めた W1[0, 0] の勾配)。"
    if not math.isfinite(num):
        return "numerical が nan か inf です。ε で割る前の損失の差と、ε の値を確かめてください。"
    if num == ana:  # 中心差分は丸め誤差があるので、逆伝播の値と最後の桁まで同じにはなりません
        return ("numerical が analytic と最後の桁まで同じです。逆伝播の値をそのまま入れていませんか? "
                "numerical は、W1[0, 0] をずらした 2 つの損失から計算します。")
    scale = max(abs(ana), 1e-12)

    def close(target: float) -> bool:
        return abs(num - target) / scale < _RELATIVE_TOLERANCE

    if close(ana):
        return None
    if close(2 * ana):
        return "ちょうど 2 倍になっています。中心差分は 2ε で割ります (ε で割ると 2 倍になります)。"
    if close(ana / 2):
        return ("ちょうど半分になっています。w − ε の損失は、+ε した W1 から 2ε を引いた所で計算します "
                "(ε しか引かないと w そのものの損失になります)。")
    if close(-ana):
        return "符号が逆です。L(w + ε) − L(w − ε) の順に引いてください。"
    if abs(num - ana) / scale < _NEAR_MISS:  # 近いが、中心差分の丸め誤差より大きい
        return ("逆伝播の勾配に近いのですが、中心差分にしては差が大きすぎます。前進差分 (L(w + ε) − L(w)) / ε に"
                "なっていませんか? 前進差分の誤差は中心差分よりずっと大きくなります。ε = 1e-6 かも確かめてください。")
    if num == 0.0:
        return ("numerical が 0 です。ずらした W1 が損失の計算に使われているか (params_check を渡しているか)、"
                "W1[0, 0] を本当にずらしたかを確かめてください。")
    return ("逆伝播の勾配と合いません。W1[0, 0] だけを ±ε ずらしていること、ε = 1e-6 であること、"
            "計算の前に演習の設定のセルを実行し直して W1 を元に戻したことを確かめてください。")


def _fresh_deeper(seed: int) -> nn.Sequential:
    """演習 3 の設定どおり torch.manual_seed(seed) の直後に作ったときの、学習前のネットワーク (CPU)。

    学習者のノートブックの乱数の状態を変えないように、乱数は fork_rng の中だけで使います。
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return nn.Sequential(nn.Linear(2, _HIDDEN), nn.ReLU(), nn.Linear(_HIDDEN, _HIDDEN), nn.ReLU(),
                             nn.Linear(_HIDDEN, 3))


def _untouched(model: nn.Module, seed: object) -> bool:
    """model の重みが、torch.manual_seed(seed) の直後に作ったときの値のまま (学習で動いていない) なら True。"""
    if not isinstance(seed, int):
        return False
    now, fresh = model.state_dict(), _fresh_deeper(seed).state_dict()
    return now.keys() == fresh.keys() and all(torch.equal(now[key].cpu(), fresh[key]) for key in now)


def _gradient_size(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """データ (X, y) での交差エントロピー損失の、パラメータについての勾配の大きさ (2 乗和の平方根)。"""
    params = list(model.parameters())
    grads = torch.autograd.grad(F.cross_entropy(model(X), y), params)
    return float(torch.sqrt(torch.stack([(g**2).sum() for g in grads]).sum()))


@exercise("03-3", names=("deeper", "SEED", "Xtr", "ytr", "Xte", "yte"), hints=(
    "節 8 の model と同じ書き方で、nn.Linear と nn.ReLU を交互に並べ、隠れ層を 2 つにします (入力 2 → 32 → 32 → 3)。"
    "最後の nn.Linear の出力はクラスの数 (3) です。",
    "学習のループは節 8 と同じ 5 行です (予測と損失 → zero_grad() → backward() → step())。"
    "optimizer.zero_grad() を忘れると勾配が足し合わされ、学習が進みません。",
    "入力の Xtr は float32 です。モデルに .double() を付けたり、float64 のデータ (X64) を使ったりしないでください。",
))
def deeper_network(deeper: object, SEED: object, Xtr: object, ytr: object, Xte: object,
                   yte: object) -> str | None:
    """演習 3: 2 → 32 → 32 → 3 の nn.Sequential を学習データで学習し、テストデータの正解率が 95% 以上。

    よくある間違いのうち、次の 2 つは正解率だけでは分からないので別に確かめます。
    - 学習していない (重みが ``torch.manual_seed(SEED)`` の直後に作ったときのまま)。節 8 の ``optimizer``
      (``model`` のパラメータを動かす) を使うと、勾配は求まっても ``deeper`` は動きません。
    - テストデータで学習した。勾配降下法で学習したデータでは損失の勾配が小さくなるので、テストデータでの勾配が
      学習データでの勾配よりずっと小さければ、テストデータで学習したと分かります。
    """
    if not isinstance(deeper, nn.Module):
        return "deeper には nn.Sequential(...) で作ったモデルを入れてください。"
    linears = [m for m in deeper.modules() if isinstance(m, nn.Linear)]
    relus = [m for m in deeper.modules() if isinstance(m, nn.ReLU)]
    if len(linears) != 3:
        return f"全結合層 (nn.Linear) が {len(linears)} 個あります。2 → 32、32 → 32、32 → 3 の 3 個にしてください。"
    if len(relus) != 2:
        return f"nn.ReLU が {len(relus)} 個あります。全結合層と全結合層の間に 1 つずつ、合わせて 2 個です。"
    if linears[-1].out_features != 3:
        return (f"最後の全結合層の出力が {linears[-1].out_features} 個です。クラスは 3 つなので、"
                "出力 (点数) も 3 個にします。")
    if linears[0].in_features != 2:
        return f"最初の全結合層の入力が {linears[0].in_features} 個です。点の座標は 2 つなので 2 にします。"
    widths = [linears[0].out_features, linears[1].in_features, linears[1].out_features, linears[2].in_features]
    if any(width != _HIDDEN for width in widths):
        return f"隠れ層のユニットの数は、どちらも {_HIDDEN} にしてください (今は {widths})。"
    dtypes = {p.dtype for p in deeper.parameters()}
    if dtypes != {torch.float32}:
        return ("モデルのパラメータが float32 ではありません。Xtr と Xte は float32 なので、.double() を付けずに"
                "作ってください。")
    if not (isinstance(Xtr, torch.Tensor) and isinstance(ytr, torch.Tensor) and isinstance(Xte, torch.Tensor)
            and isinstance(yte, torch.Tensor)):
        return "Xtr、ytr、Xte、yte (データのテンソル) が見つかりません。節 8 のセルを実行してください。"
    judge = copy.deepcopy(deeper).cpu()  # 学習者の deeper (と、その .grad) は変えずに調べます
    with torch.no_grad():
        scores = judge(Xte.cpu())
    if not torch.isfinite(scores).all():
        return ("出力に nan か inf があります。学習が壊れています。学習率 0.5 と、毎回の optimizer.zero_grad() を"
                "確かめてから、torch.manual_seed(SEED) のセルから作り直してください。")
    if _untouched(judge, SEED):
        if any(p.grad is not None for p in deeper.parameters()):
            return ("deeper のパラメータが、作ったときの値のままです。backward() で勾配は求まっていますが、更新されて"
                    "いません。最適化手法を deeper.parameters() から作りましたか? (節 8 の optimizer は model の"
                    "パラメータを動かします)")
        return ("deeper のパラメータが、作ったときの値のままです。学習のループを実行しましたか? 最適化手法は "
                "deeper.parameters() から作ります。")
    accuracy = (scores.argmax(dim=1) == yte.cpu()).float().mean().item()
    if accuracy < _MIN_ACCURACY:
        return (f"テストデータの正解率が {accuracy:.1%} で、{_MIN_ACCURACY:.0%} に届きません。学習しましたか? "
                "最適化手法を deeper.parameters() から作ったか、学習率 0.5、500 エポック、毎回の "
                "optimizer.zero_grad() を確かめてください。")
    test_gradient = _gradient_size(judge, Xte.cpu(), yte.cpu())
    if test_gradient < _TEST_TRAINED_RATIO * _gradient_size(judge, Xtr.cpu(), ytr.cpu()):
        return ("deeper はテストデータ (Xte, yte) で学習したようです (学習データより、テストデータのほうによく合って"
                "います)。学習には学習データ Xtr, ytr を使い、テストデータは最後に正解率を測るためだけに"
                "使ってください。")
    return None
