# 【準備】Google Colab で開いたときだけ、教材一式 (helpers と data) と足りないパッケージを用意します。
# JupyterLab など、ほかの環境では何もしません。
import os
import sys

if "google.colab" in sys.modules:
    import subprocess
    REPO_REF = "main"  # 使う教材の版 (ブランチかタグ)
    COURSE_DIR = os.environ.get("COURSE_DIR", "/content/pytorch-nyumon")
    if not os.path.isdir(COURSE_DIR):
        url = os.environ.get("COURSE_REPO_URL", "https://github.com/pytorch-nyumon/pytorch-nyumon")
        subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", REPO_REF, url, COURSE_DIR], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "matplotlib-fontja"], check=True)
    sys.path.insert(0, COURSE_DIR)
    os.chdir(os.path.join(COURSE_DIR, "notebooks"))
