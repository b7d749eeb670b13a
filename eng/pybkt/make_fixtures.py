#!/usr/bin/python3
"""Regenerate every pyBKT 1.4 fixture in tests/PersonalizedLearning.Core.Tests/Mastery/KnowledgeTracing/Fixtures/pybkt.

One command, from the repository root (pyBKT built first with ../shared/tools/pybkt/build.sh, see eng/pybkt/README.md):

    PYTHONPATH=/tmp/pybkt/lib /usr/bin/python3 eng/pybkt/make_fixtures.py

Options: --only NAME[,NAME...] (a fixture name: multilearn, multiprior, multipair, multigs, forgets,
multilearn_forgets, multilearn_multigs, fixed, partial_fit, crossvalidate, statics), --timing-repeat N (STATICS EM
timings, default 3 after one warm-up). Runs pyBKT with 2 OpenMP threads (results depend bitwise on the thread count).
Takes about 10 minutes, most of it STATICS (pyBKT's multipair data preparation alone is a Python loop over 189k rows).

What it writes, and why some numbers come twice, is described in eng/pybkt/README.md and eng/pybkt/SEMANTICS.md. In
short: every fit is run through pyBKT's own Model API as released ("pybkt_fit", predictions "correct_predictions",
"state_predictions"), and again with pyBKT's C++ E-step made to read each resource's and class's own parameters
("*_exact", "pybkt_fit_estep_workaround"; SEMANTICS.md section 2a), because pyBKT 1.4's E-step uses resource 1 and
class 0 for every step. No pyBKT code is copied here; the generated data is ours.
"""
import os

os.environ["OMP_NUM_THREADS"] = "2"  # before libgomp loads (pyBKT import)

import argparse
import copy
import gzip
import io
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("PYBKT_LIB", "/tmp/pybkt/lib"))
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

import pyBKT
from pyBKT.fit import E_step, EM_fit, predict_onestep
from pyBKT.models import Model
from pyBKT.util import crossvalidate as pybkt_cv

if not E_step.__file__.endswith(".so"):
    sys.exit(f"pyBKT E_step is not the compiled module ({E_step.__file__}); run ../shared/tools/pybkt/build.sh")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/PersonalizedLearning.Core.Tests/Mastery/KnowledgeTracing/Fixtures/pybkt"
SHARED_KT = (ROOT / ".." / "shared" / "data" / "kt").resolve()
COMMAND = "PYTHONPATH=/tmp/pybkt/lib /usr/bin/python3 eng/pybkt/make_fixtures.py"
SEED = 42          # pyBKT Model(seed=...)
NUM_FITS = 5       # pyBKT default
SKILLS = ["skill_a", "skill_b", "skill_c"]


def pybkt_commit():
    built = Path(pyBKT.__file__).resolve().parents[2] / ".built"   # written by build.sh
    if built.exists():
        return built.read_text().strip()
    git = os.environ.get("PYBKT_GIT", "/work/.mirror/CAHLR+pyBKT/repo")
    return subprocess.check_output(["git", "--git-dir", git, "rev-parse", "HEAD"], text=True).strip()


PROVENANCE = {
    "pybkt_commit": pybkt_commit(),
    "pybkt_repository": "https://github.com/CAHLR/pyBKT",
    "pybkt_version": pyBKT.version,
    "pybkt_e_step_module": Path(E_step.__file__).name,
    "numpy": np.__version__, "pandas": pd.__version__,
    "omp_num_threads": 2,
    "command": COMMAND,
    "generator": "eng/pybkt/make_fixtures.py",
}

# ----------------------------------------------------------------------------------------------------------------
# Instrumentation of pyBKT (wrappers around its functions; its code is unchanged)
# ----------------------------------------------------------------------------------------------------------------
_ORIG_EM_FIT = EM_fit.EM_fit
_ORIG_FIT = Model._fit
_ORIG_FIX_DATA = pybkt_cv.fix_data
_ORIG_EVALUATE = Model._evaluate


class Trace:
    """What the wrappers record. calls: one entry per Model._fit (skill, restarts)."""
    workaround = False      # inject the E-step workaround into every EM_fit call
    arrays = True           # record start/end parameter values of each restart
    calls = []
    fix_data = []
    evaluations = []

    @classmethod
    def reset(cls, workaround=False, arrays=True):
        cls.workaround, cls.arrays, cls.calls, cls.fix_data, cls.evaluations = workaround, arrays, [], [], []


def workaround_fixed(model):
    """Singular keys that make pyBKT's C++ E-step read learns[n]/forgets[n]/guesses[n]/slips[n] (SEMANTICS.md 2a)."""
    r, g = len(np.atleast_1d(model["learns"])), len(np.atleast_1d(model["guesses"]))
    return {"learn": np.full(r, -1.0), "forget": np.full(r, -1.0), "guess": np.full(g, -1.0), "slip": np.full(g, -1.0)}


def snapshot(model):
    return {"prior": float(model["prior"]),
            **{k: [float(x) for x in np.atleast_1d(model[k])] for k in ("learns", "forgets", "guesses", "slips")}}


def traced_em_fit(model, data, tol=None, maxiter=None, parallel=True, fixed={}):
    fx = dict(fixed)
    if Trace.workaround:
        for k, v in workaround_fixed(model).items():
            fx.setdefault(k, v)
    start = snapshot(model) if Trace.arrays else None
    m, ll = _ORIG_EM_FIT(model, data, tol=tol, maxiter=maxiter, parallel=parallel, fixed=fx)
    rec = {"loglik_trace": [int(x) for x in ll.ravel()], "e_steps": int(len(ll))}
    if Trace.arrays:
        rec["start"], rec["end"] = start, snapshot(m)
    if Trace.calls:
        Trace.calls[-1]["restarts"].append(rec)
    return m, ll


def traced_fit(self, data, skill, forgets, preload=False):
    Trace.calls.append({"skill": skill, "restarts": []})
    return _ORIG_FIT(self, data, skill, forgets, preload)


def traced_fix_data(data, indices):
    Trace.fix_data.append({"indices": [int(i) for i in indices], "lengths": [int(x) for x in data["lengths"]]})
    return _ORIG_FIX_DATA(data, indices)


def traced_evaluate(self, all_data, metric):
    res = _ORIG_EVALUATE(self, all_data, metric)
    Trace.evaluations.append([float(x) for x in res])
    return res


def instrument(on=True):
    EM_fit.EM_fit = traced_em_fit if on else _ORIG_EM_FIT
    Model._fit = traced_fit if on else _ORIG_FIT
    pybkt_cv.fix_data = traced_fix_data if on else _ORIG_FIX_DATA
    Model._evaluate = traced_evaluate if on else _ORIG_EVALUATE


def use_exact_predict(model):
    """Make this Model's predict() run pyBKT's predict_onestep with the E-step workaround."""
    model._predict = lambda fm, data: predict_onestep.run(fm, data, fixed=workaround_fixed(fm))


def best_restart(restarts):
    """Model._fit: first restart with the largest last (integer-truncated) log-likelihood."""
    best, idx = float("-inf"), None
    for i, r in enumerate(restarts):
        if r["loglik_trace"][-1] > best:
            best, idx = r["loglik_trace"][-1], i
    return idx


# ----------------------------------------------------------------------------------------------------------------
# Helpers: JSON, metrics, an independent forward pass
# ----------------------------------------------------------------------------------------------------------------
def clean(o):
    """Plain JSON: numpy scalars to Python, NaN/inf to null, keys to str."""
    if isinstance(o, dict):
        return {str(k): clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, np.ndarray):
        return [clean(v) for v in o.tolist()]
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (float, np.floating)):
        f = float(o)
        return f if math.isfinite(f) else None
    if isinstance(o, (np.bool_,)):
        return bool(o)
    return o


def write_json(name, obj):
    path = OUT / name
    path.write_text(json.dumps(clean(obj), indent=1, allow_nan=False) + "\n")
    print(f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KB)", flush=True)


def write_csv(name, df, gz=False, float_format="%.17g"):
    path = OUT / name
    text = df.to_csv(index=False, float_format=float_format, lineterminator="\n")
    if gz:
        with open(path, "wb") as f:  # mtime 0 and no file name: byte-identical output for identical content
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as g:
                g.write(text.encode())
    else:
        path.write_text(text)
    print(f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KB)", flush=True)


def metrics(y, p):
    """time.py's formulas: loglik = sum log p (right) / log(1-p) (wrong), p clipped to [1e-15, 1-1e-15]."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    m = (y == 0) | (y == 1)
    y, p = y[m], p[m]
    pc = np.clip(p, 1e-15, 1 - 1e-15)
    out = {"rows": int(len(y)),
           "loglik": float(np.sum(np.where(y == 1, np.log(pc), np.log(1 - pc)))),
           "rmse": float(np.sqrt(np.mean((y - p) ** 2))),
           "accuracy": float(np.mean((p >= 0.5) == (y == 1)))}
    out["auc"] = float(roc_auc_score(y, p)) if len(set(y)) == 2 else None
    return out


def params_nested(model):
    """model.params() (DataFrame indexed skill, param, class) as {skill: {param: {class: value}}}."""
    out = {}
    for (skill, param, cls), row in model.params().iterrows():
        out.setdefault(skill, {}).setdefault(param, {})[cls] = float(row["value"])
    return out


def fit_model_raw(model):
    """The raw arrays of model.fit_model in pyBKT's index order, with the name -> index maps."""
    out = {}
    for skill, fm in model.fit_model.items():
        out[skill] = {"prior": float(fm["prior"]),
                      **{k: [float(x) for x in np.atleast_1d(fm[k])] for k in ("learns", "forgets", "guesses", "slips")},
                      "resource_names": {str(k): int(v) for k, v in fm["resource_names"].items()},
                      "gs_names": {str(k): int(v) for k, v in fm["gs_names"].items()}}
    return out


def forward_pass(fm, d):
    """Plain BKT forward pass over one skill's pyBKT data dict (every step with its own resource and class),
    written independently of pyBKT to check the *_exact columns. Keeps (P(unknown), P(known)) as a normalized pair,
    as pyBKT does (1 - P(known) would lose P(unknown) on long runs); same zero-emission rule as pyBKT's E-step."""
    data, res = d["data"], d["resources"]
    obs, cls = data.sum(axis=0), (data != 0).argmax(axis=0)
    L, F = np.atleast_1d(fm["learns"]), np.atleast_1d(fm["forgets"])
    G, S = np.atleast_1d(fm["guesses"]), np.atleast_1d(fm["slips"])
    n = data.shape[1]
    state, corr = np.empty(n), np.empty(n)
    for s0, ln in zip(d["starts"] - 1, d["lengths"]):
        u, k = 1 - float(fm["prior"]), float(fm["prior"])
        for t in range(s0, s0 + ln):
            c = cls[t]
            state[t] = k
            corr[t] = G[c] * u + (1 - S[c]) * k
            if obs[t]:
                lk = (1 - S[c]) if obs[t] == 2 else S[c]
                lu = G[c] if obs[t] == 2 else 1 - G[c]
                lk, lu = (lk if lk != 0 else 1.0), (lu if lu != 0 else 1.0)
                u, k = u * lu, k * lk
                z = u + k
                u, k = u / z, k / z
            r = res[t] - 1
            u, k = u * (1 - L[r]) + k * F[r], u * L[r] + k * (1 - F[r])
    return corr, state


def truth_metrics(model, df, truth):
    """Metrics of the generating parameters on the data (plain forward pass, pyBKT's data layout and names)."""
    all_data, _ = model._data_helper(None, df.copy(), model.defaults, model.skills, model.model_type,
                                     gs_ref=model.fit_model, resource_ref=model.fit_model, return_df=True)
    ys, ps = [], []
    for skill, d in all_data.items():
        t, fm = truth[skill], model.fit_model[skill]
        arr = {"prior": t["prior"]["default"]}
        for k, names in (("learns", fm["resource_names"]), ("forgets", fm["resource_names"]),
                         ("guesses", fm["gs_names"]), ("slips", fm["gs_names"])):
            a = np.zeros(len(names))
            for nm, i in names.items():
                if str(nm) not in t[k] and "default" not in t[k]:
                    return None  # the fitted model's structure is not the generating one (fixed_gs_prior)
                a[i - 1 if k in ("learns", "forgets") else (i if len(names) > 1 else 0)] = \
                    t[k][str(nm)] if str(nm) in t[k] else t[k]["default"]
            arr[k] = a
        corr, _ = forward_pass(arr, d)
        obs = d["data"].sum(axis=0)
        if d["multiprior_index"] is not None:
            corr, obs = np.delete(corr, d["multiprior_index"]), np.delete(obs, d["multiprior_index"])
        ys.append(obs - 1)
        ps.append(corr)
    return metrics(np.concatenate(ys), np.concatenate(ps))


def check_exact(model, df, exact):
    """Largest difference between pyBKT's workaround predictions and forward_pass, over all rows."""
    all_data, _ = model._data_helper(None, df.copy(), model.defaults, model.skills, model.model_type,
                                     gs_ref=model.fit_model, resource_ref=model.fit_model, return_df=True)
    worst = 0.0
    for skill, d in all_data.items():
        corr, state = forward_pass(model.fit_model[skill], d)
        if d["multiprior_index"] is not None:
            corr, state = np.delete(corr, d["multiprior_index"]), np.delete(state, d["multiprior_index"])
        idx = d["index"]
        worst = max(worst, float(np.max(np.abs(corr - exact.loc[idx, "correct_predictions"].to_numpy()))),
                    float(np.max(np.abs(state - exact.loc[idx, "state_predictions"].to_numpy()))))
    return worst


# ----------------------------------------------------------------------------------------------------------------
# Fitting one variant and recording everything
# ----------------------------------------------------------------------------------------------------------------
def summarize_calls(calls, arrays=True):
    per = {}
    for c in calls:
        b = best_restart(c["restarts"])
        entry = {"best_restart": b, "em_loglik_truncated": c["restarts"][b]["loglik_trace"][-1],
                 "e_steps_per_restart": [r["e_steps"] for r in c["restarts"]]}
        if arrays:
            entry["restarts"] = c["restarts"]
        per[c["skill"]] = entry
    return per


def fit_and_record(df, fit_kwargs, coef=None, workaround=False, arrays=True, model_kwargs=None):
    """Fresh Model(seed=42, num_fits=5); fit; predictions as released and exact; metrics; traces."""
    mk = {"seed": SEED, "num_fits": NUM_FITS, **(model_kwargs or {})}
    model = Model(**mk)
    if coef is not None:
        model.coef_ = copy.deepcopy(coef)
    Trace.reset(workaround=workaround, arrays=arrays)
    model.fit(data=df.copy(), **copy.deepcopy(fit_kwargs))
    calls = Trace.calls
    Trace.reset()
    released = model.predict(data=df.copy())
    exact_model = copy.copy(model)
    use_exact_predict(exact_model)
    exact = exact_model.predict(data=df.copy())
    worst = check_exact(model, df, exact)
    assert worst < 1e-9, f"pyBKT with the E-step workaround disagrees with the plain forward pass by {worst}"
    block = {
        "params": params_nested(model),
        "fit_model": fit_model_raw(model),
        "train": metrics(released["correct"], released["correct_predictions"]),
        "train_exact": metrics(exact["correct"], exact["correct_predictions"]),
        "exact_vs_independent_forward_pass_max_abs_diff": worst,
        "per_skill": summarize_calls(calls, arrays),
    }
    for skill in block["per_skill"]:
        r = released[released["skill_name"] == skill]
        e = exact[exact["skill_name"] == skill]
        block["per_skill"][skill]["train"] = metrics(r["correct"], r["correct_predictions"])
        block["per_skill"][skill]["train_exact"] = metrics(e["correct"], e["correct_predictions"])
    return model, block, released, exact


def predictions_frame(df, released, exact, columns):
    out = df[["order_id", "user_id", "skill_name", "correct"] + columns].copy()
    out = out.sort_values("order_id", kind="mergesort")
    r = released.set_index("order_id")
    e = exact.set_index("order_id")
    out["correct_predictions"] = r.loc[out["order_id"], "correct_predictions"].to_numpy()
    out["state_predictions"] = r.loc[out["order_id"], "state_predictions"].to_numpy()
    out["correct_predictions_exact"] = e.loc[out["order_id"], "correct_predictions"].to_numpy()
    out["state_predictions_exact"] = e.loc[out["order_id"], "state_predictions"].to_numpy()
    return out


def options_of(fit_kwargs, coef=None, model_kwargs=None):
    return {"model_kwargs": {"seed": SEED, "num_fits": NUM_FITS, **(model_kwargs or {})},
            "fit_kwargs": fit_kwargs, "coef_before_fit": coef,
            "pybkt_defaults": {"em_tol": 1e-3, "em_maxiter": 100, "parallel": True,
                               "em_loglik": "integer-truncated by the C++ E-step (SEMANTICS.md 4)"}}


# ----------------------------------------------------------------------------------------------------------------
# Generated data (ours; seeded numpy)
# ----------------------------------------------------------------------------------------------------------------
def simulate(rng, p0, rows):
    """rows: list of (learn, forget, guess, slip) per step. Observation t uses guess/slip of row t; the transition
    t -> t+1 uses learn/forget of row t (pyBKT's convention, SEMANTICS.md 2)."""
    k = rng.random() < p0
    out = []
    for learn, forget, guess, slip in rows:
        out.append(int(rng.random() < ((1 - slip) if k else guess)))
        k = (rng.random() >= forget) if k else (rng.random() < learn)
    return out


def assemble(rng, per_learner, extra_cols):
    """per_learner: {user_id: {skill: [row dicts in time order]}}. Interleaves each learner's skills at random,
    interleaves learners in time, and numbers rows with a global order_id (1..N)."""
    events = []
    for uid, skills in per_learner.items():
        tokens = [s for s, rows in skills.items() for _ in rows]
        rng.shuffle(tokens)
        times = np.sort(rng.random(len(tokens)))
        pos = {s: 0 for s in skills}
        for tm, s in zip(times, tokens):
            row = skills[s][pos[s]]
            pos[s] += 1
            events.append((tm, uid, s, row))
    events.sort(key=lambda e: e[0])
    out = [{"order_id": i + 1, "user_id": uid, "skill_name": s, "correct": row["correct"],
            **{c: row[c] for c in extra_cols}} for i, (_, uid, s, row) in enumerate(events)]
    return pd.DataFrame(out, columns=["order_id", "user_id", "skill_name", "correct"] + extra_cols)


def learners(rng, n):
    return [int(x) for x in rng.choice(np.arange(10000, 100000), size=n, replace=False)]


def takes(rng, p=0.85):
    return rng.random() < p


def gen_multilearn(seed, forgets=False, learners_n=200):
    rng = np.random.default_rng(seed)
    spec = {  # template_id -> (learn, forget)
        "skill_a": dict(prior=0.25, guess=0.20, slip=0.10, res={1101: (0.03, 0.15), 1102: (0.12, 0.05), 1103: (0.25, 0.10), 1104: (0.45, 0.01)}),
        "skill_b": dict(prior=0.40, guess=0.15, slip=0.08, res={1201: (0.45, 0.02), 1202: (0.25, 0.12), 1203: (0.12, 0.20), 1204: (0.03, 0.06)}),
        "skill_c": dict(prior=0.15, guess=0.25, slip=0.12, res={1301: (0.20, 0.08), 1302: (0.05, 0.02), 1303: (0.35, 0.15), 990: (0.10, 0.05)}),
    }
    per = {}
    for uid in learners(rng, learners_n):
        per[uid] = {}
        for s, sp in spec.items():
            if not takes(rng):
                continue
            n = int(rng.integers(8, 21))
            items = rng.choice(list(sp["res"]), size=n)
            rows = [(sp["res"][i][0], sp["res"][i][1] if forgets else 0.0, sp["guess"], sp["slip"]) for i in items]
            ys = simulate(rng, sp["prior"], rows)
            per[uid][s] = [{"correct": y, "template_id": int(i)} for y, i in zip(ys, items)]
    df = assemble(rng, per, ["template_id"])
    truth = {s: {"prior": {"default": sp["prior"]},
                 "learns": {str(i): v[0] for i, v in sp["res"].items()},
                 "forgets": {str(i): (v[1] if forgets else 0.0) for i, v in sp["res"].items()},
                 "guesses": {"default": sp["guess"]}, "slips": {"default": sp["slip"]}} for s, sp in spec.items()}
    return df, truth


def gen_multiprior(seed):
    rng = np.random.default_rng(seed)
    groups = ["g1_low", "g2_mid", "g3_high"]
    spec = {
        "skill_a": dict(priors=[0.05, 0.45, 0.85], learn=0.12, guess=0.20, slip=0.10),
        "skill_b": dict(priors=[0.15, 0.50, 0.90], learn=0.20, guess=0.15, slip=0.08),
        "skill_c": dict(priors=[0.10, 0.30, 0.70], learn=0.08, guess=0.25, slip=0.12),
    }
    per = {}
    for uid in learners(rng, 240):
        g = int(rng.integers(0, 3))
        per[uid] = {}
        for s, sp in spec.items():
            if not takes(rng):
                continue
            n = int(rng.integers(8, 21))
            ys = simulate(rng, sp["priors"][g], [(sp["learn"], 0.0, sp["guess"], sp["slip"])] * n)
            per[uid][s] = [{"correct": y, "prior_group": groups[g]} for y in ys]
    df = assemble(rng, per, ["prior_group"])
    truth = {s: {"prior": {"default": 0.0},
                 "learns": {"Default": sp["learn"], **{groups[i]: sp["priors"][i] for i in range(3)}},
                 "forgets": {"Default": 0.0, **{g: 0.0 for g in groups}},
                 "guesses": {"default": sp["guess"]}, "slips": {"default": sp["slip"]},
                 "prior_of_group": {groups[i]: sp["priors"][i] for i in range(3)}} for s, sp in spec.items()}
    return df, truth


def gen_multipair(seed):
    rng = np.random.default_rng(seed)
    spec = {  # pair[prev][cur] learn, over the skill's 3 items; "Default" governs the step after a learner's first row
        "skill_a": dict(prior=0.20, guess=0.20, slip=0.10, default=0.10, items=[11, 12, 13],
                        pair=[[0.05, 0.30, 0.10], [0.20, 0.02, 0.40], [0.15, 0.25, 0.08]]),
        "skill_b": dict(prior=0.35, guess=0.15, slip=0.08, default=0.20, items=[21, 22, 23],
                        pair=[[0.40, 0.05, 0.20], [0.10, 0.30, 0.03], [0.25, 0.12, 0.45]]),
        "skill_c": dict(prior=0.10, guess=0.25, slip=0.12, default=0.05, items=[31, 32, 33],
                        pair=[[0.15, 0.02, 0.35], [0.30, 0.10, 0.05], [0.08, 0.40, 0.20]]),
    }
    per = {}
    for uid in learners(rng, 200):
        per[uid] = {}
        for s, sp in spec.items():
            if not takes(rng):
                continue
            n = int(rng.integers(8, 21))
            idx = rng.integers(0, 3, size=n)
            rows = []
            for t in range(n):  # transition t -> t+1 uses the pair (item t-1 -> item t); after row 0: Default
                learn = sp["default"] if t == 0 else sp["pair"][idx[t - 1]][idx[t]]
                rows.append((learn, 0.0, sp["guess"], sp["slip"]))
            ys = simulate(rng, sp["prior"], rows)
            per[uid][s] = [{"correct": y, "problem_id": sp["items"][i]} for y, i in zip(ys, idx)]
    df = assemble(rng, per, ["problem_id"])
    truth = {}
    for s, sp in spec.items():
        learns = {"Default": sp["default"]}
        for a in range(3):
            for b in range(3):  # pyBKT's key: "[current] [previous]"
                learns[f"[{sp['items'][b]}] [{sp['items'][a]}]"] = sp["pair"][a][b]
        truth[s] = {"prior": {"default": sp["prior"]}, "learns": learns, "forgets": {k: 0.0 for k in learns},
                    "guesses": {"default": sp["guess"]}, "slips": {"default": sp["slip"]}}
    return df, truth


def gen_multigs(seed):
    rng = np.random.default_rng(seed)
    spec = {  # template_id -> (guess, slip)
        "skill_a": dict(prior=0.25, learn=0.15, gs={2101: (0.05, 0.30), 2102: (0.15, 0.20), 2103: (0.30, 0.10), 2104: (0.45, 0.05)}),
        "skill_b": dict(prior=0.40, learn=0.10, gs={2201: (0.45, 0.05), 2202: (0.30, 0.10), 2203: (0.05, 0.25), 2204: (0.20, 0.15)}),
        "skill_c": dict(prior=0.15, learn=0.20, gs={2301: (0.10, 0.05), 2302: (0.35, 0.30), 2303: (0.20, 0.10), 995: (0.02, 0.15)}),
    }
    per = {}
    for uid in learners(rng, 200):
        per[uid] = {}
        for s, sp in spec.items():
            if not takes(rng):
                continue
            n = int(rng.integers(8, 21))
            items = rng.choice(list(sp["gs"]), size=n)
            ys = simulate(rng, sp["prior"], [(sp["learn"], 0.0, sp["gs"][i][0], sp["gs"][i][1]) for i in items])
            per[uid][s] = [{"correct": y, "template_id": int(i)} for y, i in zip(ys, items)]
    df = assemble(rng, per, ["template_id"])
    truth = {s: {"prior": {"default": sp["prior"]}, "learns": {"default": sp["learn"]}, "forgets": {"default": 0.0},
                 "guesses": {str(i): v[0] for i, v in sp["gs"].items()},
                 "slips": {str(i): v[1] for i, v in sp["gs"].items()}} for s, sp in spec.items()}
    return df, truth


def gen_standard(seed, spec, n_learners, extra=None):
    rng = np.random.default_rng(seed)
    per = {}
    uids = learners(rng, n_learners)
    for uid in uids:
        per[uid] = {}
        for s, sp in spec.items():
            if not takes(rng):
                continue
            n = int(rng.integers(8, 21))
            ys = simulate(rng, sp["prior"], [(sp["learn"], sp.get("forget", 0.0), sp["guess"], sp["slip"])] * n)
            per[uid][s] = [{"correct": y, **({k: f(uid) for k, f in extra.items()} if extra else {})} for y in ys]
    df = assemble(rng, per, list(extra) if extra else [])
    truth = {s: {"prior": {"default": sp["prior"]}, "learns": {"default": sp["learn"]},
                 "forgets": {"default": sp.get("forget", 0.0)},
                 "guesses": {"default": sp["guess"]}, "slips": {"default": sp["slip"]}} for s, sp in spec.items()}
    return df, truth, uids


def gen_multilearn_multigs(seed):
    rng = np.random.default_rng(seed)
    classes = {"easy": (0.35, 0.05), "medium": (0.20, 0.10), "hard": (0.05, 0.25)}  # gs_class -> (guess, slip)
    spec = {
        "skill_a": dict(prior=0.25, res={3101: 0.04, 3102: 0.20, 3103: 0.45}),
        "skill_b": dict(prior=0.35, res={3201: 0.40, 3202: 0.10, 3203: 0.22}),
        "skill_c": dict(prior=0.15, res={3301: 0.15, 3302: 0.30, 3303: 0.05}),
    }
    names = list(classes)
    per = {}
    for uid in learners(rng, 220):
        per[uid] = {}
        for s, sp in spec.items():
            if not takes(rng):
                continue
            n = int(rng.integers(8, 21))
            items = rng.choice(list(sp["res"]), size=n)
            cls = [names[i] for i in rng.integers(0, 3, size=n)]
            rows = [(sp["res"][i], 0.0, classes[c][0], classes[c][1]) for i, c in zip(items, cls)]
            ys = simulate(rng, sp["prior"], rows)
            per[uid][s] = [{"correct": y, "template_id": int(i), "gs_class": c} for y, i, c in zip(ys, items, cls)]
    df = assemble(rng, per, ["template_id", "gs_class"])
    truth = {s: {"prior": {"default": sp["prior"]}, "learns": {str(i): v for i, v in sp["res"].items()},
                 "forgets": {str(i): 0.0 for i in sp["res"]},
                 "guesses": {c: v[0] for c, v in classes.items()}, "slips": {c: v[1] for c, v in classes.items()}}
             for s, sp in spec.items()}
    return df, truth


# ----------------------------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------------------------
def variant_fixture(name, csv_name, df, truth, fit_kwargs, columns, description, coef=None, write_data=True):
    print(f"[{name}]", flush=True)
    if write_data:
        write_csv(csv_name, df)
    model, block, released, exact = fit_and_record(df, fit_kwargs, coef=coef)
    _, wblock, _, _ = fit_and_record(df, fit_kwargs, coef=coef, workaround=True)
    pred_name = f"{name}_predictions.csv.gz"
    write_csv(pred_name, predictions_frame(df, released, exact, columns), gz=True)
    write_json(f"{name}.json", {
        "fixture": name, "description": description, **PROVENANCE,
        "data": {"csv": csv_name, "rows": len(df), "learners": int(df["user_id"].nunique()),
                 "skills": sorted(df["skill_name"].unique()), "variant_columns": columns},
        "generating_params": truth,
        "generating_params_train_exact": truth_metrics(model, df, truth),
        "options": options_of(fit_kwargs, coef),
        "train_loglik": block["train"]["loglik"], "train_auc": block["train"]["auc"],
        "train_rmse": block["train"]["rmse"], "train_accuracy": block["train"]["accuracy"],
        "pybkt_fit": block,
        "pybkt_fit_estep_workaround": wblock,
        "predictions_csv": pred_name,
    })


DESC_COMMON = ("Generated, seeded data (ours). pybkt_fit: pyBKT 1.4 as released (Model(seed=42, num_fits=5).fit(...)); "
               "train = metrics of its predict() (correct_predictions, before each answer); train_exact = the same "
               "parameters with every step using its own resource/class (pyBKT's predict with the E-step workaround, "
               "checked against an independent forward pass). pybkt_fit_estep_workaround: the same fit with the "
               "E-step workaround (a proper EM for the per-resource model). See eng/pybkt/SEMANTICS.md.")


def fx_multilearn():
    df, truth = gen_multilearn(101)
    variant_fixture("multilearn", "multilearn.csv", df, truth, {"multilearn": "template_id"}, ["template_id"],
                    "multilearn: one learn rate per template_id, applied to the transition after a row with that "
                    "template. " + DESC_COMMON)


def fx_multilearn_forgets():
    df, truth = gen_multilearn(106, forgets=True)
    variant_fixture("multilearn_forgets", "multilearn_forgets.csv", df, truth,
                    {"multilearn": "template_id", "forgets": True}, ["template_id"],
                    "multilearn + forgets: learn and forget per template_id. " + DESC_COMMON)


def fx_multiprior():
    df, truth = gen_multiprior(102)
    variant_fixture("multiprior", "multiprior.csv", df, truth, {"multiprior": "prior_group"}, ["prior_group"],
                    "multiprior: P(known at a learner's first answer) depends on prior_group (of the learner's first "
                    "row); pyBKT reports it as learns[group] with prior 0 (phantom step), later transitions use "
                    "learns[Default]. generating_params is in that form; prior_of_group repeats the group priors. "
                    + DESC_COMMON)


def fx_multipair():
    df, truth = gen_multipair(103)
    variant_fixture("multipair", "multipair.csv", df, truth, {"multipair": "problem_id"}, ["problem_id"],
                    "multipair: pyBKT key \"[current] [previous]\" for each row after a learner's first; the transition "
                    "after row t uses the key of row t, i.e. the pair (item t-1 -> item t); after the first row: "
                    "Default. Data generated with exactly that rule. " + DESC_COMMON)


def fx_multigs():
    df, truth = gen_multigs(104)
    variant_fixture("multigs", "multigs.csv", df, truth, {"multigs": "template_id"}, ["template_id"],
                    "multigs: guess and slip per template_id. " + DESC_COMMON)


def fx_forgets():
    spec = {"skill_a": dict(prior=0.30, learn=0.15, forget=0.05, guess=0.20, slip=0.10),
            "skill_b": dict(prior=0.45, learn=0.25, forget=0.15, guess=0.15, slip=0.08),
            "skill_c": dict(prior=0.10, learn=0.10, forget=0.02, guess=0.25, slip=0.12)}
    df, truth, _ = gen_standard(105, spec, 200)
    variant_fixture("forgets", "forgets.csv", df, truth, {"forgets": True}, [],
                    "BKT with forgetting (one resource, one class: the E-step workaround changes nothing). "
                    + DESC_COMMON)


def fx_multilearn_multigs():
    df, truth = gen_multilearn_multigs(107)
    variant_fixture("multilearn_multigs", "multilearn_multigs.csv", df, truth,
                    {"multilearn": "template_id", "multigs": "gs_class"}, ["template_id", "gs_class"],
                    "multilearn (template_id) + multigs (gs_class, string classes) together. " + DESC_COMMON)


def fx_fixed():
    df, truth = gen_multilearn(108, learners_n=200)
    # different data than multilearn.csv (other seed); multilearn resources 1101..1104 etc.
    t = truth
    a, b, c = "skill_a", "skill_b", "skill_c"
    cases = [
        ("fixed_gs_prior", {"fixed": {
            a: {"guesses": np.array([t[a]["guesses"]["default"]]), "slips": np.array([t[a]["slips"]["default"]])},
            b: {"guesses": np.array([t[b]["guesses"]["default"]]), "slips": np.array([t[b]["slips"]["default"]])},
            c: {"prior": t[c]["prior"]["default"], "slips": np.array([t[c]["slips"]["default"]])}}}, [], None,
         "Standard BKT (one learn) with fixed={skill: {...}} values: skill_a/b guess+slip fixed, skill_c prior+slip "
         "fixed, at the generating values."),
        ("fixed_partial_learns", {"multilearn": "template_id", "fixed": {
            a: {"learns": np.array([t[a]["learns"]["1101"], -1.0, -1.0, -1.0])},
            b: {"learns": np.array([-1.0, -1.0, -1.0, t[b]["learns"]["1204"]]), "guesses": np.array([0.15])}}},
         ["template_id"], None,
         "multilearn with fixed learns arrays where -1 = free: skill_a template 1101 fixed, skill_b template 1204 "
         "fixed and guess fixed at 0.15; skill_c free."),
        ("fixed_true_coef", {"multilearn": "template_id", "fixed": True}, ["template_id"],
         {a: {"prior": t[a]["prior"]["default"],
              "learns": np.array([t[a]["learns"][k] for k in ("1101", "1102", "1103", "1104")])},
          b: {"slips": np.array([0.08]), "guesses": np.array([0.15])}},
         "multilearn; model.coef_ set before fit(fixed=True): skill_a prior and learns, skill_b guess and slip are "
         "fixed at the coef_ values; skill_c (not in coef_) is fitted freely."),
    ]
    write_csv("fixed.csv", df)
    for name, kw, cols, coef, desc in cases:
        variant_fixture(name, "fixed.csv", df, truth, kw, cols, desc + " " + DESC_COMMON, coef=coef, write_data=False)


def partial_fit_data():
    spec = {"skill_a": dict(prior=0.30, learn=0.15, guess=0.20, slip=0.10),
            "skill_b": dict(prior=0.50, learn=0.08, guess=0.25, slip=0.05)}
    df, truth, uids = gen_standard(109, spec, 300)
    part_a = set(uids[:150])
    df["part"] = np.where(df["user_id"].isin(part_a), "A", "B")
    return df, truth


def fx_partial_fit():
    print("[partial_fit]", flush=True)
    df, truth = partial_fit_data()
    write_csv("partial_fit.csv", df)
    A, B = df[df["part"] == "A"], df[df["part"] == "B"]
    runs = {}
    for run, mk, pk in [("num_fits_1", {"num_fits": 1}, {"num_fits": 1}), ("pybkt_defaults", {}, {})]:
        model = Model(seed=SEED, **mk)
        Trace.reset()
        model.fit(data=A.copy())
        after_a = {"params": params_nested(model), "fit_model": fit_model_raw(model),
                   "per_skill": summarize_calls(Trace.calls)}
        Trace.reset()
        model.partial_fit(data=B.copy(), **pk)
        after_b = {"params": params_nested(model), "fit_model": fit_model_raw(model),
                   "per_skill": summarize_calls(Trace.calls), "num_fits_used": model.num_fits}
        Trace.reset()
        pred = model.predict(data=df.copy())
        after_b["train_on_B"] = metrics(pred.loc[pred["part"] == "B", "correct"], pred.loc[pred["part"] == "B", "correct_predictions"])
        after_b["on_all"] = metrics(pred["correct"], pred["correct_predictions"])
        runs[run] = {"model_kwargs": {"seed": SEED, **mk}, "fit_A_kwargs": {}, "partial_fit_B_kwargs": pk,
                     "after_fit_A": after_a, "after_partial_fit_B": after_b}
        if run == "num_fits_1":
            out = df[["order_id", "user_id", "skill_name", "correct", "part"]].sort_values("order_id")
            p = pred.set_index("order_id")
            out["correct_predictions"] = p.loc[out["order_id"], "correct_predictions"].to_numpy()
            out["state_predictions"] = p.loc[out["order_id"], "state_predictions"].to_numpy()
            write_csv("partial_fit_predictions.csv.gz", out, gz=True)
    write_json("partial_fit.json", {
        "fixture": "partial_fit", **PROVENANCE,
        "description": ("Standard BKT. fit on rows with part == 'A' (150 learners), then partial_fit on part == 'B' "
                        "(the other 150): partial_fit re-runs EM on B only, every restart warm-started from the "
                        "stored parameters (SEMANTICS.md 6). Run num_fits_1: Model(seed=42, num_fits=1) and "
                        "partial_fit(num_fits=1): one clean EM run from A's parameters. Run pybkt_defaults: "
                        "Model(seed=42), 5 restarts; restarts 2..5 of the partial fit start from the previous "
                        "restart's learns/forgets (shared As array), and the returned learns/forgets come from the "
                        "last restart while prior/guesses/slips come from the best (first on ties). restarts[].start"
                        "/end record that. partial_fit_predictions.csv.gz: predictions of the num_fits_1 model "
                        "after B, on all rows."),
        "data": {"csv": "partial_fit.csv", "rows": len(df), "rows_A": len(A), "rows_B": len(B),
                 "learners": int(df["user_id"].nunique())},
        "generating_params": truth,
        "runs": runs, "predictions_csv": "partial_fit_predictions.csv.gz",
    })


def crossvalidate_fixture(name, df, description, data_ref):
    print(f"[crossvalidate_{name}]", flush=True)
    metric_names = ["rmse", "auc", "accuracy"]
    model = Model(seed=SEED, num_fits=NUM_FITS)
    Trace.reset()
    result = model.crossvalidate(data=df.copy(), metric=list(metric_names), folds=5)
    calls, fixes, evals = Trace.calls, Trace.fix_data, Trace.evaluations
    Trace.reset()
    assert len(fixes) == 2 * len(calls) == 2 * len(evals)
    sorted_df = df.copy()
    sorted_df["order_id"] = sorted_df["order_id"].astype(int)
    sorted_df = sorted_df.sort_values("order_id").sort_values("user_id", kind="mergesort")
    skills, fold_rows, per_skill = [], [], {}
    for i, call in enumerate(calls):
        skill = call["skill"]
        if skill not in per_skill:
            skills.append(skill)
            rows = sorted_df[sorted_df["skill_name"].astype(str) == skill]
            users = list(rows.groupby("user_id")["user_id"].count().index)   # pyBKT's sequence order
            lengths = rows.groupby("user_id")["user_id"].count().tolist()
            assert lengths == fixes[2 * i]["lengths"], f"sequence order differs for {skill}"
            n = len(users)
            perm = np.random.RandomState(SEED).permutation(n).tolist()
            per_skill[skill] = {"students_in_pybkt_order": users, "permutation": perm, "split_size": n // 5,
                                "folds": []}
        ps = per_skill[skill]
        k = len(ps["folds"])
        train_idx, test_idx = fixes[2 * i]["indices"], fixes[2 * i + 1]["indices"]
        split = ps["split_size"]
        assert test_idx == ps["permutation"][k * split:(k + 1) * split], "fold differs from the replicated split"
        assert train_idx == ps["permutation"][:k * split] + ps["permutation"][(k + 1) * split:]
        b = best_restart(call["restarts"])
        ps["folds"].append({
            "fold": k, "test_users": [ps["students_in_pybkt_order"][j] for j in test_idx],
            "test_student_indices": test_idx,
            "metrics": dict(zip(metric_names, evals[i])),
            "fitted": call["restarts"][b]["end"], "best_restart": b,
            "em_loglik_truncated": call["restarts"][b]["loglik_trace"][-1],
            "e_steps_per_restart": [r["e_steps"] for r in call["restarts"]]})
    for skill in skills:
        ps = per_skill[skill]
        fold_of = {}
        for f in ps["folds"]:
            for u in f["test_users"]:
                fold_of[u] = f["fold"]
        for j, u in enumerate(ps["students_in_pybkt_order"]):
            fold_rows.append({"skill_name": skill, "user_id": u, "pybkt_student_index": j,
                              "fold": fold_of.get(u, -1)})
        for m in metric_names:
            vals = [f["metrics"][m] for f in ps["folds"]]
            mean = float(np.mean(vals))
            got = float(result.loc[skill, m])
            assert (math.isnan(mean) and math.isnan(got)) or abs(mean - got) < 1e-12, (skill, m, mean, got)
    folds_csv = f"crossvalidate_{name}_folds.csv.gz"
    write_csv(folds_csv, pd.DataFrame(fold_rows), gz=True)
    write_json(f"crossvalidate_{name}.json", {
        "fixture": f"crossvalidate_{name}", **PROVENANCE, "description": description,
        "data": data_ref,
        "options": {"model_kwargs": {"seed": SEED, "num_fits": NUM_FITS},
                    "crossvalidate_kwargs": {"metric": metric_names, "folds": 5}, "model": "standard BKT"},
        "result": {s: {m: float(result.loc[s, m]) for m in metric_names} for s in result.index},
        "skill_order": skills,
        "per_skill": per_skill,
        "folds_csv": folds_csv,
        "fold_rule": ("per skill: users of that skill sorted ascending (pyBKT's sequence order; numeric ids here), "
                      "perm = numpy.random.RandomState(42).permutation(n), split = n // 5, fold k tests "
                      "perm[k*split:(k+1)*split]; fold -1 in the CSV = never tested (the last n - 5*split of perm). "
                      "Each skill's value = unweighted mean over the 5 folds of the metric over that fold's test "
                      "answers."),
    })


def fx_crossvalidate():
    df, _ = partial_fit_data()
    crossvalidate_fixture("generated", df.drop(columns=["part"]),
                          "pyBKT crossvalidate, standard BKT, on partial_fit.csv (all 300 learners; column part "
                          "ignored).", {"csv": "partial_fit.csv", "rows": len(df)})
    glops = pd.read_csv(SHARED_KT / "glops_pardos2010.csv", low_memory=False, encoding="latin")
    glops = glops[glops["skill_name"].notna()].reset_index(drop=True)
    crossvalidate_fixture("glops", glops,
                          "pyBKT crossvalidate, standard BKT, on ../shared/data/kt/glops_pardos2010.csv.",
                          {"csv": "../shared/data/kt/glops_pardos2010.csv", "rows": len(glops)})


# ----------------------------------------------------------------------------------------------------------------
# STATICS 2011 with question ids as the resource / class column
# ----------------------------------------------------------------------------------------------------------------
class CachedPrep:
    """Model._data_helper memoized per (model_type, return_df): the STATICS multipair preparation is a Python loop
    over 189k rows. pyBKT's EM only reads the prepared data. Timing = fit wall time - preparation time (time.py)."""

    def __init__(self):
        self.cache, self.seconds = {}, 0.0

    def install(self, model):
        orig = model._data_helper

        def helper(data_path, data, defaults, skills, model_type, gs_ref=None, resource_ref=None, return_df=False,
                   folds=False):
            t0 = time.perf_counter()
            key = (tuple(model_type), return_df)
            if key not in self.cache:
                self.cache[key] = orig(data_path, data, defaults, skills, model_type, gs_ref=gs_ref,
                                       resource_ref=resource_ref, return_df=return_df, folds=folds)
            out = self.cache[key]
            if return_df:
                out = (out[0], out[1].copy())
            self.seconds += time.perf_counter() - t0
            return out

        model._data_helper = helper


def fx_statics(repeat):
    print("[statics]", flush=True)
    path = SHARED_KT / "statics2011_dkvmn.csv"
    df = pd.read_csv(path, low_memory=False, encoding="latin")
    df = df[df["skill_name"].notna()].reset_index(drop=True)
    col = "question_id_src"
    for variant in ("multilearn", "multigs", "multipair"):
        print(f"  {variant}", flush=True)
        prep = CachedPrep()
        fit_kwargs = {variant: col}

        def new_model():
            m = Model(seed=SEED, num_fits=NUM_FITS)
            prep.install(m)
            return m

        t_prep0 = time.perf_counter()
        # as released, traced (restart log-likelihood traces only)
        model = new_model()
        Trace.reset(arrays=False)
        model.fit(data=df.copy(), **fit_kwargs)
        calls = Trace.calls
        Trace.reset()
        released = model.predict(data=df.copy())
        exact_model = copy.copy(model)
        use_exact_predict(exact_model)
        exact = exact_model.predict(data=df.copy())
        worst = check_exact(model, df, exact)
        assert worst < 1e-9, worst
        first_pass_s = time.perf_counter() - t_prep0
        # E-step workaround fit
        wmodel = new_model()
        Trace.reset(workaround=True, arrays=False)
        wmodel.fit(data=df.copy(), **fit_kwargs)
        wcalls = Trace.calls
        Trace.reset()
        use_exact_predict(wmodel)
        wexact = wmodel.predict(data=df.copy())
        # timing: as time.py (fit wall - data preparation), pyBKT unwrapped, prepared data cached, warm-up + repeat
        instrument(False)
        load0 = os.getloadavg()[0]
        runs = []
        for r in range(repeat + 1):
            m = new_model()
            prep.seconds = 0.0
            t0 = time.perf_counter()
            m.fit(data=df.copy(), **fit_kwargs)
            wall = time.perf_counter() - t0
            if r > 0:
                runs.append({"fit_wall_s": wall, "prep_s": prep.seconds, "em_only_s": wall - prep.seconds})
            same = all(np.array_equal(np.atleast_1d(m.fit_model[s][k]), np.atleast_1d(model.fit_model[s][k]))
                       for s in model.fit_model for k in ("learns", "guesses", "slips", "forgets", "prior"))
            assert same, "timed fit differs from the recorded fit"
        load1 = os.getloadavg()[0]
        instrument(True)
        em = [x["em_only_s"] for x in runs]
        per_skill = summarize_calls(calls, arrays=False)
        wper_skill = summarize_calls(wcalls, arrays=False)
        for skill in per_skill:
            fm = model.fit_model[skill]
            r = released[released["skill_name"] == skill]
            e = exact[exact["skill_name"] == skill]
            we = wexact[wexact["skill_name"] == skill]
            per_skill[skill].update({
                "rows": int(len(r)), "resources": len(fm["resource_names"]), "gs_classes": len(fm["gs_names"]),
                "loglik": metrics(r["correct"], r["correct_predictions"])["loglik"],
                "loglik_exact": metrics(e["correct"], e["correct_predictions"])["loglik"]})
            wper_skill[skill]["loglik_exact"] = metrics(we["correct"], we["correct_predictions"])["loglik"]
        n_learn_one = sum(int(np.sum(np.atleast_1d(fm["learns"]) == 1.0)) for fm in model.fit_model.values())
        block = {"params": params_nested(model), "fit_model": fit_model_raw(model),
                 "train": metrics(released["correct"], released["correct_predictions"]),
                 "train_exact": metrics(exact["correct"], exact["correct_predictions"]),
                 "exact_vs_independent_forward_pass_max_abs_diff": worst,
                 "resources_with_learn_exactly_1": n_learn_one,
                 "per_skill": per_skill}
        wblock = {"params": params_nested(wmodel), "fit_model": fit_model_raw(wmodel),
                  "train_exact": metrics(wexact["correct"], wexact["correct_predictions"]),
                  "per_skill": wper_skill}
        name = f"statics2011_{variant}"
        out = {
            "fixture": name, **PROVENANCE,
            "description": (f"pyBKT {variant} on ../shared/data/kt/statics2011_dkvmn.csv with {col} (1,223 question "
                            "ids) as the resource/class column, Model(seed=42, num_fits=5). train: metrics of pyBKT's "
                            "predict() as released; train_exact: same parameters, every step with its own "
                            "resource/class. pybkt_fit_estep_workaround: the fit with pyBKT's E-step reading each "
                            "resource's own parameters (proper EM). Timing as ../shared/tools/pybkt/time.py: EM only "
                            "= fit wall time - pyBKT data preparation (here cached), 2 OpenMP threads, "
                            f"median of {repeat} after a warm-up."),
            "data": {"csv": "../shared/data/kt/statics2011_dkvmn.csv", "rows": len(df),
                     "learners": int(df["user_id"].nunique()), "skills": int(df["skill_name"].nunique()),
                     "column": col, "distinct_question_ids": int(df[col].nunique())},
            "options": options_of(fit_kwargs),
            "train_loglik": block["train"]["loglik"], "train_auc": block["train"]["auc"],
            "train_rmse": block["train"]["rmse"], "train_accuracy": block["train"]["accuracy"],
            "train_loglik_exact": block["train_exact"]["loglik"], "train_auc_exact": block["train_exact"]["auc"],
            "fit_em_only_median_s": statistics.median(em), "fit_em_only_s": em,
            "fit_wall_s": [x["fit_wall_s"] for x in runs],
            "timing": {"repeat": repeat, "warmup": 1, "omp_num_threads": 2, "cpus": os.cpu_count(),
                       "loadavg_1min_start_end": [round(load0, 2), round(load1, 2)],
                       "data_preparation_first_pass_s": first_pass_s},
            "pybkt_fit": block,
            "pybkt_fit_estep_workaround": wblock,
        }
        if variant == "multilearn":
            # identity columns other than order_id and correct are left out to stay under 5 MB: join by order_id
            # with ../shared/data/kt/statics2011_dkvmn.csv (order_id is unique there).
            pred = df[["order_id", "correct"]].sort_values("order_id", kind="mergesort")
            r, e = released.set_index("order_id"), exact.set_index("order_id")
            pred["correct_predictions"] = r.loc[pred["order_id"], "correct_predictions"].to_numpy()
            pred["state_predictions"] = r.loc[pred["order_id"], "state_predictions"].to_numpy()
            pred["correct_predictions_exact"] = e.loc[pred["order_id"], "correct_predictions"].to_numpy()
            pred["state_predictions_exact"] = e.loc[pred["order_id"], "state_predictions"].to_numpy()
            out["predictions_csv"] = f"{name}_predictions.csv.gz"
            out["predictions_csv_float_format"] = "%.11g (11 significant digits, to stay under 5 MB)"
            out["predictions_csv_columns"] = list(pred.columns)
            write_csv(out["predictions_csv"], pred, gz=True, float_format="%.11g")
        write_json(f"{name}.json", out)


FIXTURES = {
    "multilearn": fx_multilearn, "multiprior": fx_multiprior, "multipair": fx_multipair, "multigs": fx_multigs,
    "forgets": fx_forgets, "multilearn_forgets": fx_multilearn_forgets, "multilearn_multigs": fx_multilearn_multigs,
    "fixed": fx_fixed, "partial_fit": fx_partial_fit, "crossvalidate": fx_crossvalidate, "statics": None,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated fixture names: " + ", ".join(FIXTURES))
    ap.add_argument("--timing-repeat", type=int, default=3)
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(FIXTURES)
    for n in names:
        if n not in FIXTURES:
            sys.exit(f"unknown fixture {n}; one of {', '.join(FIXTURES)}")
    OUT.mkdir(parents=True, exist_ok=True)
    instrument(True)
    t0 = time.perf_counter()
    for n in names:
        if n == "statics":
            fx_statics(args.timing_repeat)
        else:
            FIXTURES[n]()
    print(f"done in {time.perf_counter() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
