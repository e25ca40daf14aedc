"""Independent reference implementation of SPEC §1-§8 (numpy only), used to make the expected values
of test/fixtures/*.expected.json. It shares no code with the TypeScript engine: written from the
spec, vectorised differently (numpy over examples), so an agreement between the two is evidence.

Run:  python3 test/reference/reference.py   (rewrites test/fixtures/ref_*.npz and *.expected.json)
"""
import json
import os
import numpy as np

M32 = 0xFFFFFFFF
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures')


def hash32(x):
    x &= M32
    x ^= x >> 16
    x = (x * 0x7FEB352D) & M32
    x ^= x >> 15
    x = (x * 0x846CA68B) & M32
    x ^= x >> 16
    return x


def mix(a, b):
    return hash32(a ^ hash32((b + 0x9E3779B9) & M32))


def stream(seed, k, block, lane):
    return mix(mix(mix(mix(seed & M32, seed >> 32), k & M32), block), lane)


def shuffle(n, s):
    perm = list(range(n))
    for t in range(n - 1, 0, -1):
        j = (mix(s, t) * (t + 1)) >> 32
        perm[t], perm[j] = perm[j], perm[t]
    return perm


def blocks_of(avail, groups, labels, block_by):
    n = avail.shape[0]
    keys = []
    for i in range(n):
        pattern = ''.join('1' if a else '0' for a in avail[i])
        g = str(groups[i]) if 'group' in block_by else ''
        y = int(labels[i]) if 'label' in block_by else 0
        keys.append((pattern, g, y))
    uniq = sorted(set(keys))
    return [[i for i in range(n) if keys[i] == key] for key in uniq]


def src_of(blocks, seed, k, lane, n):
    src = np.zeros(n, dtype=np.int64)
    for b, members in enumerate(blocks):
        perm = shuffle(len(members), stream(seed, k, b, lane))
        for t, i in enumerate(members):
            src[i] = members[perm[t]]
    return src


# ---- rules: weight row in f64 from f32 quality, returned as f32 ----
def weights_row(rule, q, a):
    q = q.astype(np.float64)
    m = len(q)
    kind = rule['kind']
    w = np.zeros(m)
    av = [j for j in range(m) if a[j]]
    if kind == 'mean':
        w[av] = 1
    elif kind in ('weighted', 'loglinear'):
        tau = rule.get('temperature', 1.0)
        mx = max(q[j] for j in av)
        for j in av:
            w[j] = np.exp((q[j] - mx) / tau)
    elif kind == 'select':
        best = max(av, key=lambda j: (q[j], -j))
        w[best] = 1
    elif kind == 'topk':
        order = sorted(av, key=lambda j: (-q[j], j))
        for j in order[: rule['k']]:
            w[j] = 1
    elif kind == 'gate':
        th = np.float32(rule['threshold'])
        passed = [j for j in av if np.float32(q[j]) >= th]
        for j in passed or av:
            w[j] = 1
    elif kind == 'linear_gate':
        W = np.array(rule['W'], dtype=np.float64)
        b = np.array(rule['b'], dtype=np.float64)
        qz = np.array([q[j] if a[j] else 0.0 for j in range(m)])
        z = np.array([sum(W[r][c] * qz[c] for c in range(m)) + b[r] for r in range(m)])
        mx = max(z[j] for j in av)
        for j in av:
            w[j] = np.exp(z[j] - mx)
    else:
        raise ValueError(kind)
    s = 0.0
    for j in range(m):
        s += w[j]
    return (w / s).astype(np.float32)


def weight_table(rule, Q, A):
    return np.stack([weights_row(rule, Q[i], A[i]) for i in range(Q.shape[0])])


def fuse(G, X):
    """G: N×M f32 weight rows (already gathered), X: N×M×C f32. f32 accumulation in ascending m."""
    n, m, c = X.shape
    acc = np.zeros((n, c), dtype=np.float32)
    for j in range(m):
        acc = (acc + (G[:, j:j + 1] * X[:, j, :]).astype(np.float32)).astype(np.float32)
    return np.argmax(acc, axis=1)  # first maximum: lowest class on ties


# ---- metrics, written from scikit-learn's definitions ----
def confusion(y, d, c):
    K = np.zeros((c, c))
    for t, p in zip(y, d):
        K[t, p] += 1
    return K


def metric(name, K):
    c = K.shape[0]
    support = K.sum(1)
    predicted = K.sum(0)
    tp = np.diag(K)
    total = K.sum()
    if total == 0:
        return None
    f1 = np.array([2 * tp[j] / (support[j] + predicted[j]) if support[j] + predicted[j] > 0 else 0.0 for j in range(c)])
    if name == 'accuracy':
        return tp.sum() / total
    if name == 'balanced_accuracy':
        present = support > 0
        return float(np.mean(tp[present] / support[present]))
    if name == 'macro_f1':
        present = (support + predicted) > 0
        return float(np.mean(f1[present]))
    if name == 'weighted_f1':
        return float((f1 * support).sum() / support.sum())
    if name == 'binary_f1':
        return float(f1[1])
    raise ValueError(name)


def unimodal_argmax(E):
    return np.argmax(E, axis=2)  # N×M


def summary(b):
    b = np.asarray(b, dtype=np.float64)
    sd = 0.0 if np.all(b == b[0]) else float(np.std(b))
    return dict(mean=float(np.mean(b)), sd=sd, min=float(b.min()), q025=float(np.quantile(b, 0.025)),
                median=float(np.quantile(b, 0.5)), q975=float(np.quantile(b, 0.975)), max=float(b.max()))


def pvalue(clean, b, alt):
    b = np.asarray(b)
    g = 1e-9 * max(1.0, abs(clean))
    if alt == 'greater':
        cnt = np.sum(b >= clean - g)
    elif alt == 'less':
        cnt = np.sum(b <= clean + g)
    else:
        mu = np.mean(b)
        cnt = np.sum(np.abs(b - mu) >= abs(clean - mu) - g)
    return (1 + int(cnt)) / (len(b) + 1)


def auroc(scores, pos):
    scores = np.asarray(scores, dtype=np.float64)
    pos = np.asarray(pos, dtype=bool)
    P, N = scores[pos], scores[~pos]
    if len(P) == 0 or len(N) == 0:
        return None
    gt = (P[:, None] > N[None, :]).sum()
    eq = (P[:, None] == N[None, :]).sum()
    return float((gt + 0.5 * eq) / (len(P) * len(N)))


def diagnose(data, cfg):
    E = data['evidence']
    Q, A, y = data['quality'], data['available'], data['labels']
    n, m, c = E.shape
    groups = data.get('groups')
    P, seed = cfg['permutations'], cfg['seed']
    alt = cfg.get('alternative', 'greater')
    metrics = cfg['metrics']
    scheme = cfg.get('scheme', 'rows')
    logE = np.where(A[:, :, None] == 1, np.log(np.maximum(E.astype(np.float64), 1e-12)), 0).astype(np.float32)
    right = ((unimodal_argmax(E) == y[:, None]) & (A == 1)).astype(np.uint8)
    variants = {}
    for v in cfg['quality']:
        if v == 'native':
            variants[v] = Q
        else:
            q = right.astype(np.float32).copy()
            if v.startswith('flip:'):
                eps = float(v[5:])
                for i in range(n):
                    for j in range(m):
                        if stream(seed, 0xFFFFFFFF, i, j) / 2 ** 32 < eps:
                            q[i, j] = 1 - q[i, j]
            variants[v] = np.where(A == 1, q, 0).astype(np.float32)
    blocks = blocks_of(A, groups, y, cfg.get('block_by', []))
    tables = []
    for rule in cfg['rules']:
        for vname, q in variants.items():
            tables.append((rule, vname, q, weight_table(rule, q, A)))
    srcs = []
    for k in range(P):
        lanes = [0] if scheme == 'rows' else [j + 1 for j in range(m)]
        srcs.append([src_of(blocks, seed, k, lane, n) for lane in lanes])
    # oracle
    mean_d = fuse(weight_table({'kind': 'mean'}, Q, A), E)
    oracle_d = np.where(right.any(1), y, mean_d)
    oracle = {mt: metric(mt, confusion(y, oracle_d, c)) for mt in metrics}
    results = []
    raw = []
    for rule, vname, q, G in tables:
        X = logE if rule['kind'] == 'loglinear' else E
        clean_d = fuse(G, X)
        Kc = confusion(y, clean_d, c)
        nulls = {mt: [] for mt in metrics}
        flips = []
        for k in range(P):
            if scheme == 'rows':
                Gk = G[srcs[k][0]]
            else:
                qk = np.stack([q[srcs[k][j], j] for j in range(m)], axis=1)
                Gk = weight_table(rule, qk, A)
            d = fuse(Gk, X)
            K = confusion(y, d, c)
            for mt in metrics:
                nulls[mt].append(metric(mt, K))
            flips.append(float(np.mean(d != clean_d)))
        for mt in metrics:
            clean = metric(mt, Kc)
            s = summary(nulls[mt])
            results.append(dict(rule=rule['name'], quality=vname, metric=mt, clean=clean, broken=s, gap=clean - s['mean'],
                                p_value=pvalue(clean, nulls[mt], alt), flip_rate=float(np.mean(flips)),
                                headroom=oracle[mt] - clean, null=nulls[mt]))
    # max-T per (quality, metric) family of results with sd > 0
    for vname in variants:
        for mt in metrics:
            fam = [r for r in results if r['quality'] == vname and r['metric'] == mt and r['broken']['sd'] > 0]
            for r in results:
                if r['quality'] == vname and r['metric'] == mt and not r['broken']['sd'] > 0:
                    r['p_value_maxT'] = 1.0
            if not fam:
                continue
            def orient(z):
                return -z if alt == 'less' else (np.abs(z) if alt == 'two-sided' else z)
            Z = np.stack([orient((np.array(r['null']) - r['broken']['mean']) / r['broken']['sd']) for r in fam])
            maxz = Z.max(0)
            for r in fam:
                zc = orient((r['clean'] - r['broken']['mean']) / r['broken']['sd'])
                p = (1 + int(np.sum(maxz >= zc - 1e-9))) / (P + 1)
                r['p_value_maxT'] = max(p, r['p_value'])
    unimodal = []
    U = unimodal_argmax(E)
    for j in range(m):
        sel = A[:, j] == 1
        K = confusion(y[sel], U[sel, j], c)
        unimodal.append({mt: (metric(mt, K) if sel.any() else None) for mt in metrics})
    info = []
    for vname, q in variants.items():
        au = [auroc(q[A[:, j] == 1, j], right[A[:, j] == 1, j]) for j in range(m)]
        hits, chance = [], []
        for i in range(n):
            av = [j for j in range(m) if A[i, j]]
            r = [right[i, j] for j in av]
            if sum(r) == 0 or sum(r) == len(av):
                continue
            best = max(av, key=lambda j: (q[i, j], -j))
            hits.append(right[i, best])
            chance.append(sum(r) / len(av))
        info.append(dict(quality=vname, auroc=au, selection_accuracy=float(np.mean(hits)) if hits else None,
                         chance=float(np.mean(chance)) if chance else None))
    return dict(blocks=len(blocks), results=results, unimodal=unimodal, oracle=oracle, informativeness=info,
                first_src=[int(v) for v in srcs[0][0]],
                variants={k: [float(x) for x in v.ravel()] for k, v in variants.items() if k != 'native'})


def make_fixture(name, rng, n, m, c, partial, groups, logits, compressed, ties, cfg, f8=False):
    A = np.ones((n, m), dtype=bool)
    if partial:
        A = rng.random((n, m)) > 0.25
        A[~A.any(1), 0] = True
    y = rng.integers(0, c, n)
    Z = rng.normal(size=(n, m, c)) + 1.5 * (np.arange(c)[None, None, :] == y[:, None, None]) * rng.random((n, m, 1))
    E = np.exp(Z) / np.exp(Z).sum(2, keepdims=True)
    Q = rng.normal(size=(n, m))
    if ties:
        Q = np.round(Q)  # many exact ties in quality
    arrays = dict(quality=Q.astype(np.float32), labels=y.astype(np.int64), available=A)
    if logits:
        arrays['logits'] = Z.astype(np.float32)
    else:
        arrays['evidence'] = E.astype(np.float64 if f8 else np.float32)
    Qn = np.where(A, Q, np.nan)  # unavailable entries may be anything
    arrays['quality'] = Qn.astype(np.float32)
    if groups == 'str':
        arrays['groups'] = np.array([f"subj{g}" for g in rng.integers(0, max(2, n // 10), n)])
    elif groups == 'int':
        arrays['groups'] = rng.integers(0, 12, n)
    path = os.path.join(FIXTURES, f'{name}.npz')
    (np.savez_compressed if compressed else np.savez)(path, **arrays)
    # what the engine must see after loading (SPEC §1): f32, softmax of f32 logits in f64, zeros where unavailable
    if logits:
        z = arrays['logits'].astype(np.float64)
        Ev = np.exp(z - z.max(2, keepdims=True))
        Ev = (Ev / Ev.sum(2, keepdims=True)).astype(np.float32)
    else:
        Ev = arrays['evidence'].astype(np.float32)
    data = dict(evidence=np.where(A[:, :, None], Ev, 0).astype(np.float32),
                quality=np.where(A, arrays['quality'], 0).astype(np.float32),
                available=A.astype(np.uint8), labels=y, groups=arrays.get('groups'))
    if 'groups' in arrays:
        data['groups'] = [str(g) for g in arrays['groups']]
    out = diagnose(data, cfg)
    out['config'] = cfg
    with open(os.path.join(FIXTURES, f'{name}.expected.json'), 'w') as f:
        json.dump(out, f)


ALL_RULES = [
    {'name': 'mean', 'kind': 'mean'},
    {'name': 'weighted:temperature=0.5', 'kind': 'weighted', 'temperature': 0.5},
    {'name': 'loglinear', 'kind': 'loglinear'},
    {'name': 'select', 'kind': 'select'},
    {'name': 'topk:k=2', 'kind': 'topk', 'k': 2},
    {'name': 'gate:threshold=0', 'kind': 'gate', 'threshold': 0.0},
]


def gate_rule(m):
    r = np.random.default_rng(99)
    return {'name': 'lg', 'kind': 'linear_gate', 'W': r.normal(size=(m, m)).round(3).tolist(), 'b': r.normal(size=m).round(3).tolist()}


def write_format_fixtures():
    """One small dataset written in every supported way: plain npz, exotic npz (Fortran order,
    big-endian, int8 labels, bytes group ids, unicode names), JSON and wide CSV (with a modality
    name that prefixes another, empty cells where unavailable)."""
    rng = np.random.default_rng(5)
    n, m, c = 9, 3, 3
    mods = ['a', 'a_b', 'vision']
    classes = ['neg', 'neu', 'pos']
    A = np.ones((n, m), dtype=bool)
    A[2, 1] = A[5, 0] = A[7, 2] = False
    E = rng.dirichlet(np.ones(c), size=(n, m)).astype(np.float32)
    Q = rng.normal(size=(n, m)).astype(np.float32)
    y = rng.integers(0, c, n)
    groups = [f's{i % 3}' for i in range(n)]
    En = np.where(A[:, :, None], E, np.nan).astype(np.float32)
    Qn = np.where(A, Q, np.nan).astype(np.float32)
    np.savez(os.path.join(FIXTURES, 'formats_plain.npz'), evidence=En, quality=Qn, labels=y, available=A,
             groups=np.array(groups), modalities=np.array(mods), classes=np.array(classes))
    np.savez_compressed(os.path.join(FIXTURES, 'formats_exotic.npz'), evidence=np.asfortranarray(En.astype('>f4')),
                        quality=np.asfortranarray(Qn.astype('>f8')), labels=y.astype(np.int8),
                        available=np.asfortranarray(A.astype('>i2')), groups=np.array(groups, dtype='S'),
                        modalities=np.array(mods, dtype='>U'), classes=np.array(classes))
    j = dict(evidence=[[[None if np.isnan(v) else float(v) for v in row] for row in ex] for ex in En],
             quality=[[None if np.isnan(v) else float(v) for v in row] for row in Qn],
             labels=y.tolist(), available=A.astype(int).tolist(), groups=groups, modalities=mods, classes=classes)
    with open(os.path.join(FIXTURES, 'formats.json'), 'w') as f:
        json.dump(j, f)
    header = ['label', 'group']
    for mo in mods:
        header += [f'q_{mo}', f'avail_{mo}'] + [f'p_{mo}_{cl}' for cl in classes]
    lines = [','.join(header)]
    for i in range(n):
        row = [str(y[i]), groups[i]]
        for jm in range(m):
            cell = lambda v: '' if np.isnan(v) else repr(float(v))
            row += [cell(Qn[i, jm]), str(int(A[i, jm]))] + [cell(En[i, jm, k]) for k in range(c)]
        lines.append(','.join(row))
    with open(os.path.join(FIXTURES, 'formats.csv'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    os.makedirs(FIXTURES, exist_ok=True)
    rng = np.random.default_rng(2026)
    make_fixture('ref_binary', rng, 60, 2, 2, False, None, False, False, False,
                 dict(permutations=60, seed=42, rules=ALL_RULES + [gate_rule(2)],
                      metrics=['accuracy', 'balanced_accuracy', 'macro_f1', 'weighted_f1', 'binary_f1'], quality=['native']))
    make_fixture('ref_grouped', rng, 150, 3, 3, True, 'str', True, True, False,
                 dict(permutations=50, seed=7, rules=ALL_RULES + [gate_rule(3)], block_by=['group'],
                      metrics=['balanced_accuracy', 'macro_f1'], quality=['native', 'oracle', 'flip:0.2'], alternative='two-sided'))
    make_fixture('ref_wide', rng, 120, 5, 10, True, 'int', False, True, True,
                 dict(permutations=40, seed=9007199254740991, rules=ALL_RULES + [gate_rule(5)], block_by=['label', 'group'],
                      metrics=['accuracy', 'balanced_accuracy', 'macro_f1', 'weighted_f1'], quality=['native'], alternative='less'), f8=True)
    make_fixture('ref_columns', rng, 80, 4, 4, True, None, False, False, True,
                 dict(permutations=30, seed=1099511627783, rules=ALL_RULES, scheme='columns',
                      metrics=['balanced_accuracy', 'weighted_f1'], quality=['native', 'oracle']))
    write_format_fixtures()
    print('fixtures written to', FIXTURES)

