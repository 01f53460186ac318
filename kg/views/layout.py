"""Force-directed layout for large graphs, in numpy only.

networkx's ``spring_layout`` needs scipy above 500 nodes and its dense
fallbacks are O(n²) in memory; ``kg`` does not depend on scipy. This is a
Fruchterman-Reingold layout whose repulsion is computed against the centres of
mass of a grid of cells (a particle-mesh approximation), so one iteration costs
O(n · cells) instead of O(n²): 5,000 nodes and 20,000 edges take about a second.

>>> import networkx as nx
>>> pos = grid_layout(nx.path_graph(5), seed=1)
>>> sorted(pos) == [0, 1, 2, 3, 4] and all(len(p) == 2 for p in pos.values())
True
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np


def grid_layout(g: nx.Graph, *, iterations: int = 40, seed: int = 7, edge_length: float = 120.0,
                chunk: int = 1024) -> dict:
    """Positions ``{node: (x, y)}`` in screen units (about ``edge_length``
    between neighbours), deterministic for a given ``seed``."""
    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v}
    src = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))

    rng = np.random.default_rng(seed)
    k = 1.0  # ideal distance between neighbours
    side = math.sqrt(n) * k
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    cells = max(4, int(math.sqrt(n) / 3))
    temperature = side / 8
    cooling = temperature / (iterations + 1)
    gravity = 0.3
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        # Repulsion from the centre of mass of every non-empty cell.
        lo = pos.min(axis=0)
        size = (pos.max(axis=0) - lo) / cells + 1e-9
        cell_xy = np.clip(((pos - lo) / size).astype(np.int64), 0, cells - 1)
        cid = cell_xy[:, 0] * cells + cell_xy[:, 1]
        mass = np.bincount(cid, minlength=cells * cells).astype(float)
        full = mass > 0
        m = mass[full]
        centres = np.stack([np.bincount(cid, pos[:, 0], cells * cells)[full] / m,
                            np.bincount(cid, pos[:, 1], cells * cells)[full] / m], axis=1)
        soft = float((size ** 2).sum()) / 16 + 1e-3
        p32, c32, m32 = pos.astype(np.float32), centres.astype(np.float32), (k * k * m).astype(np.float32)
        for a in range(0, n, chunk):
            delta = p32[a:a + chunk, None, :] - c32[None, :, :]
            d2 = np.einsum("ijk,ijk->ij", delta, delta) + np.float32(soft)
            disp[a:a + chunk] += np.einsum("ij,ijk->ik", m32 / d2, delta)
        # Attraction along edges.
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta ** 2).sum(axis=1)) + 1e-9
            pull = delta * (dist / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, pull[:, axis], n)
                disp[:, axis] += np.bincount(dst, pull[:, axis], n)
        disp -= gravity * pos
        length = np.sqrt((disp ** 2).sum(axis=1)) + 1e-9
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature - cooling, k / 20)
    pos -= np.median(pos, axis=0)
    # Isolated nodes and small components drift far out; bring them to the rim
    # so that fitting the view to the graph does not shrink it to a dot.
    radius = np.sqrt((pos ** 2).sum(axis=1))
    linked = np.zeros(n, dtype=bool)
    linked[src] = linked[dst] = True
    rim = 1.1 * float(np.percentile(radius[linked] if linked.any() else radius, 95)) + 1e-9
    far = radius > rim
    pos[far] *= (rim / radius[far])[:, None]
    pos *= edge_length / k
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}
