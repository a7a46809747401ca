"""Reference values for test/shared/metrics/dialects.test.ts.

Reads the same job as sklearnReference.py and prints, per dialect id of
shared/dialects/registry.ts (and a few "id|param=value" variants), the value the named
library gives: scikit-learn for its own functions and for MLflow's evaluate metrics (which
call them on predict() labels); Fairlearn's definitions transcribed from its source
(fairlearn/metrics/_base_metrics.py, _fairness_metrics.py: rates from
sklearn.metrics.confusion_matrix(normalize="true"), ratio = group min / group max);
Evidently's PSI and normed Wasserstein transcribed from evidently/legacy/calculations/
stattests (utils.get_binned_data, psi.py, jensenshannon.py, kl_div.py,
wasserstein_distance_norm.py) with numpy and
scipy. Undefined values are printed as null.
"""

import json
import math
import os
import sys
import warnings
from collections import Counter

import numpy as np
from scipy import stats
from scipy.spatial import distance
from sklearn import metrics as skm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearnReference import drift, groups_of, is_numeric, load, num  # noqa: E402

warnings.simplefilter("ignore")


def predict(s, t, rule):
    """Labels from scores: ours (>=), or predict()'s. A probabilistic classifier's predict()
    is classes_[argmax(predict_proba)], which sends a tie of [0.5, 0.5] to class 0."""
    if rule == ">=":
        return (s >= t).astype(np.int64)
    if t == 0.5:
        return np.column_stack([1 - s, s]).argmax(axis=1).astype(np.int64)
    return (s > t).astype(np.int64)


def binary(y, s, t):
    y = y.astype(np.int64)
    n, positives = len(y), int(y.sum())
    both = 0 < positives < n
    ge, gt = predict(s, t, ">="), predict(s, t, ">")
    auc = num(skm.roc_auc_score(y, s)) if both else None
    ap = num(skm.average_precision_score(y, s)) if positives > 0 else None
    out = {"mrb.n": n, "mlflow.example_count": n, "mrb.positives": positives}
    for k in ("mrb.roc_auc", "sklearn.roc_auc_score", "mlflow.roc_auc"):
        out[k] = auc
    for k in ("mrb.average_precision", "sklearn.average_precision_score", "mlflow.precision_recall_auc"):
        out[k] = ap
    out["mrb.accuracy"] = num(skm.accuracy_score(y, ge))
    out["sklearn.accuracy_score"] = out["mlflow.accuracy_score"] = num(skm.accuracy_score(y, gt))
    out["mrb.selection_rate"] = num(ge.mean())
    for name, fn in (("precision", skm.precision_score), ("recall", skm.recall_score), ("f1", skm.f1_score)):
        out[f"mrb.{name}"] = num(fn(y, ge, zero_division=0))
        out[f"sklearn.{name}_score"] = out[f"mlflow.{name}_score"] = num(fn(y, gt, zero_division=0))
        out[f"sklearn.{name}_score|zero_division=1"] = num(fn(y, gt, zero_division=1))
    # scikit-learn 1.2's own default (eps="auto": the float64 epsilon), and the eps of 1.1 and before.
    out["sklearn.log_loss"] = out["mlflow.log_loss"] = num(skm.log_loss(y, s, labels=[0, 1]))
    out["sklearn.log_loss@<1.2"] = out["mrb.log_loss"] = num(skm.log_loss(y, s, eps=1e-15, labels=[0, 1]))
    out["mrb.brier"] = out["sklearn.brier_score_loss"] = num(skm.brier_score_loss(y, s, pos_label=1))
    bins = np.minimum(np.floor(10 * s).astype(np.int64), 9)
    out["mrb.ece"] = num(sum((m.sum() / n) * abs(y[m].mean() - s[m].mean()) for m in (bins == b for b in range(10)) if m.any()))
    tn, fp, fn, tp = skm.confusion_matrix(y, gt, labels=[0, 1]).ravel()
    out.update({"mlflow.true_positives": int(tp), "mlflow.false_positives": int(fp), "mlflow.true_negatives": int(tn), "mlflow.false_negatives": int(fn)})
    out["credit.gini"] = None if auc is None else 2 * auc - 1
    if both:
        fpr, tpr, _ = skm.roc_curve(y, s, drop_intermediate=False)
        out["credit.ks"] = num(np.max(tpr - fpr))
    else:
        out["credit.ks"] = None
    return out


def regression(y, p):
    n = len(y)
    mse = skm.mean_squared_error(y, p)
    out = {"mrb.regression_n": n, "mlflow.regression_example_count": n}
    out["mrb.r2"] = out["sklearn.r2_score"] = out["mlflow.r2_score"] = num(skm.r2_score(y, p)) if n > 1 else None
    out["sklearn.mean_squared_error"] = out["mlflow.mean_squared_error"] = num(mse)
    # root_mean_squared_error arrived in 1.4 as mean_squared_error(squared=False), which 1.2 has.
    rmse = num(skm.mean_squared_error(y, p, squared=False))
    out["sklearn.mean_squared_error|squared=false"] = rmse
    for k in ("mrb.rmse", "sklearn.root_mean_squared_error", "mlflow.root_mean_squared_error"):
        out[k] = rmse
    for k in ("mrb.mae", "sklearn.mean_absolute_error", "mlflow.mean_absolute_error"):
        out[k] = num(skm.mean_absolute_error(y, p))
    out["sklearn.max_error"] = out["mlflow.max_error"] = num(skm.max_error(y, p))
    out["sklearn.mean_absolute_percentage_error"] = out["mlflow.mean_absolute_percentage_error"] = num(skm.mean_absolute_percentage_error(y, p))
    out["mlflow.sum_on_target"] = num(np.sum(y))
    out["mlflow.mean_on_target"] = num(np.sum(y) / n)
    return out


def fairlearn_rates(y, pred):
    """true_positive_rate / false_positive_rate as Fairlearn computes them."""
    tnr, fpr, fnr, tpr = skm.confusion_matrix(y, pred, labels=[0, 1], normalize="true").ravel()
    return tpr, fpr


def spread(xs):
    return max(xs) - min(xs) if xs else None


def fairness(y, s, t, members):
    y = y.astype(np.int64)
    out = {}
    # Ours: predictions at score >= threshold; a group lacking a class left out of that rate; 0 / 0 ratio = 1.
    pred = predict(s, t, ">=")
    sel = [pred[m].mean() for _, m in members]
    tprs = [pred[m & (y == 1)].mean() for _, m in members if (m & (y == 1)).any()]
    fprs = [pred[m & (y == 0)].mean() for _, m in members if (m & (y == 0)).any()]

    def ratio(xs):
        if not xs:
            return None
        return 1.0 if max(xs) == 0 else min(xs) / max(xs)

    defined = lambda vs: [v for v in vs if v is not None]
    out["mrb.demographic_parity_difference"] = spread(sel)
    out["mrb.demographic_parity_ratio"] = ratio(sel)
    out["mrb.equalized_odds_difference"] = max(defined([spread(tprs), spread(fprs)]))
    out["mrb.equalized_odds_ratio"] = min(defined([ratio(tprs), ratio(fprs)]))
    # Fairlearn, on predict() labels.
    pred = predict(s, t, ">")
    sel = [pred[m].mean() for _, m in members]
    rates = [fairlearn_rates(y[m], pred[m]) for _, m in members]
    tprs = [r[0] for r in rates]
    fprs = [r[1] for r in rates]
    with np.errstate(all="ignore"):
        fl_ratio = lambda xs: num(np.float64(min(xs)) / np.float64(max(xs)))
    out["fairlearn.demographic_parity_difference"] = spread(sel)
    out["fairlearn.demographic_parity_ratio"] = fl_ratio(sel)
    out["fairlearn.equalized_odds_difference"] = max(spread(tprs), spread(fprs))
    ratios = [fl_ratio(tprs), fl_ratio(fprs)]
    # Fairlearn's min() over a Series holding NaN depends on order; we call it undefined.
    out["fairlearn.equalized_odds_ratio"] = None if None in ratios else min(ratios)
    return {k: (None if v is None else float(v)) for k, v in out.items()}


def evidently_fill(p):
    nonzero = p[p != 0]
    fill = nonzero.min() / 10**6 if nonzero.min() <= 0.0001 else 0.0001
    return np.where(p == 0, fill, p)


def evidently(reference, current):
    ref = [v for v in reference if v not in (None, "")]
    cur = [v for v in current if v not in (None, "")]
    if not ref or not cur:
        return {"evidently.psi": None, "evidently.wasserstein": None, "evidently.jensenshannon": None, "evidently.kl_div": None}
    numeric = is_numeric(ref) and is_numeric(cur)
    if numeric:
        ref = np.array([float(v) for v in ref])
        cur = np.array([float(v) for v in cur])
    if numeric and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        p_ref = np.histogram(ref, bins)[0] / len(ref)
        p_cur = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = sorted(set(list(ref)) | set(list(cur)))
        rc, cc = Counter(list(ref)), Counter(list(cur))
        p_ref = np.array([rc[k] / len(ref) for k in keys])
        p_cur = np.array([cc[k] / len(cur) for k in keys])
    js = num(distance.jensenshannon(p_ref, p_cur))
    p_ref, p_cur = evidently_fill(p_ref), evidently_fill(p_cur)
    out = {"evidently.psi": num(np.sum((p_ref - p_cur) * np.log(p_ref / p_cur))), "evidently.jensenshannon": js, "evidently.kl_div": num(stats.entropy(p_ref, p_cur))}
    out["evidently.wasserstein"] = num(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)) if numeric else None
    return out


def main(folder):
    with open(os.path.join(folder, "job.json")) as f:
        job = json.load(f)
    out = {"binary": [], "regression": [], "drift": []}
    for case in job["binary"]:
        y, s, t = load(folder, case["y_true"], "<f8"), load(folder, case["y_score"], "<f8"), case["threshold"]
        groups, fair = {}, {}
        for attr, members in groups_of(folder, case["groups"]):
            groups[attr] = {value: binary(y[m], s[m], t) for value, m in members}
            fair[attr] = fairness(y, s, t, members)
        out["binary"].append({"overall": binary(y, s, t), "groups": groups, "fairness": fair})
    for case in job["regression"]:
        y, p = load(folder, case["y_true"], "<f8"), load(folder, case["y_pred"], "<f8")
        groups = {attr: {value: regression(y[m], p[m]) for value, m in members} for attr, members in groups_of(folder, case["groups"])}
        out["regression"].append({"overall": regression(y, p), "groups": groups})
    for case in job["drift"]:
        ours = drift(case["reference"], case["current"])
        out["drift"].append({"mrb.psi": ours["psi"], "mrb.ks": ours["ks"], "scipy.ks_2samp": ours["ks"], **evidently(case["reference"], case["current"])})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
