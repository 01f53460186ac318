"""Node positions: the one layout of the HTML page and the GEXF file.

:func:`layout` places every node of a graph, deterministically (the same graph
gives the same positions, whatever order its nodes and edges were added in):

- each connected component (edge direction ignored) is laid out on its own by
  a force-directed (Fruchterman-Reingold) simulation;
- the components are then packed apart in rows, largest first, so that no
  cluster is drawn over another;
- nodes without an edge come last, in a grid of their own, where hiding them
  leaves no hole in the drawing.

The simulation is numpy only (networkx's ``spring_layout`` needs scipy above
500 nodes, and kg does not depend on scipy). Components of up to
:data:`EXACT` nodes are simulated together, each node repelled by every other
node of its component; a larger component is simulated alone, its nodes
repelled by the centres of mass of a grid of cells (a particle-mesh
approximation: O(n · cells) per step instead of O(n²)), so 5,000 nodes and
20,000 edges take about a second.

>>> import networkx as nx
>>> g = nx.Graph([(0, 1), (1, 2), (3, 4)])
>>> g.add_node(5)
>>> pos = layout(g)
>>> sorted(pos) == [0, 1, 2, 3, 4, 5] and layout(g) == pos
True
>>> max(pos[n][1] for n in (0, 1, 2)) < min(pos[n][1] for n in (3, 4, 5))  # a second row: the pair, the isolated node
True
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

#: Distance between neighbours, in the page's canvas units (pixels at zoom 1).
EDGE_LENGTH = 120.0
#: Components up to this many nodes are simulated with exact repulsion, all together.
EXACT = 100
#: Width over height of the screen the packing aims at (the graph beside the page's side panel).
ASPECT = 1.3
#: Room around a component, and between the nodes of the grid of isolated nodes, in edge lengths.
MARGIN = 0.6
GRID_STEP = (2.0, 0.6)


def layout(g: nx.Graph, *, seed: int = 7) -> dict:
    """Positions ``{node: (x, y)}`` of every node of ``g``, in canvas units
    (y grows downwards, as on a screen), centred on (0, 0)."""
    components = [sorted(c, key=str) for c in nx.connected_components(g.to_undirected(as_view=True))]
    components.sort(key=lambda c: (-len(c), str(c[0])))
    nodes = [v for c in components for v in c]
    sizes = np.array([len(c) for c in components], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    src, dst = _edge_arrays(g, {v: i for i, v in enumerate(nodes)})
    pos = np.zeros((len(nodes), 2))
    # Components are sorted largest first: the large ones, then the small ones, then the isolated nodes.
    large = int((sizes > EXACT).sum())
    linked = int((sizes > 1).sum())
    for c in range(large):
        lo, hi = starts[c], starts[c + 1]
        inside = (src >= lo) & (src < hi)
        cells = max(8, int(math.sqrt(hi - lo) / 3))
        pos[lo:hi] = _simulate(np.zeros(hi - lo, dtype=np.int64), src[inside] - lo, dst[inside] - lo,
                               iterations=40, seed=seed, repulsion=lambda p: _grid_repulsion(p, cells))
    lo, hi = starts[large], starts[linked]
    if hi > lo:  # the small components, all at once
        inside = (src >= lo) & (src < hi)
        left, right = _pairs_within(sizes[large:linked])
        group = np.repeat(np.arange(linked - large), sizes[large:linked])
        pos[lo:hi] = _simulate(group, src[inside] - lo, dst[inside] - lo, iterations=100, seed=seed,
                               repulsion=lambda p: _pair_repulsion(p, left, right))
    pos *= EDGE_LENGTH
    blocks = [_lying(pos[starts[c]:starts[c + 1]]) for c in range(linked)]
    placed = _packed(blocks, len(components) - linked)
    return {v: (float(placed[i, 0]), float(placed[i, 1])) for i, v in enumerate(nodes)}


def _edge_arrays(g: nx.Graph, index: dict) -> tuple[np.ndarray, np.ndarray]:
    """Both ends (lower index first) of every linked pair of nodes, once, in a
    fixed order: sums come out the same on every run."""
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v})
    ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return ends[:, 0], ends[:, 1]


def _simulate(group: np.ndarray, src: np.ndarray, dst: np.ndarray, *, iterations: int, seed: int,
              repulsion) -> np.ndarray:
    """Fruchterman-Reingold steps (ideal distance 1) for nodes belonging to
    ``group`` (one component each, pulled towards their own centre);
    ``repulsion(pos)`` gives each node's push away from the others."""
    n = len(group)
    sizes = np.bincount(group).astype(float)
    side = np.sqrt(sizes)[group]
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-0.5, 0.5, size=(n, 2)) * side[:, None]
    if n == 0:
        return pos
    temperature = side / 8
    cooling = temperature / (iterations + 1)
    gravity = 0.3
    for _ in range(iterations):
        disp = repulsion(pos)
        if len(src):  # attraction along edges, growing with the square of the length
            delta = pos[src] - pos[dst]
            pull = delta * np.sqrt((delta ** 2).sum(axis=1))[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, pull[:, axis], n)
                disp[:, axis] += np.bincount(dst, pull[:, axis], n)
        centre = np.stack([np.bincount(group, pos[:, 0]), np.bincount(group, pos[:, 1])], axis=1) / sizes[:, None]
        disp -= gravity * (pos - centre[group])
        length = np.sqrt((disp ** 2).sum(axis=1)) + 1e-9
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = np.maximum(temperature - cooling, 1 / 20)
    return pos


def _pairs_within(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of positions in the same run, for consecutive runs of these sizes.

    >>> _pairs_within(np.array([3, 2]))
    (array([0, 0, 1, 3]), array([1, 2, 2, 4]))
    """
    ends = np.repeat(np.cumsum(sizes), sizes)  # where each position's run ends
    i = np.arange(len(ends))
    counts = ends - i - 1
    left = np.repeat(i, counts)
    first = np.cumsum(counts) - counts
    return left, left + 1 + np.arange(len(left)) - np.repeat(first, counts)


def _pair_repulsion(pos: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Each node pushed away from every node it is paired with, by 1 / distance."""
    disp = np.zeros_like(pos)
    if not len(left):
        return disp
    delta = pos[left] - pos[right]
    push = delta / ((delta ** 2).sum(axis=1) + 1e-3)[:, None]
    for axis in (0, 1):
        disp[:, axis] += np.bincount(left, push[:, axis], len(pos))
        disp[:, axis] -= np.bincount(right, push[:, axis], len(pos))
    return disp


def _grid_repulsion(pos: np.ndarray, cells: int, chunk: int = 1024) -> np.ndarray:
    """Each node pushed away from every other node of its cell of a ``cells``
    × ``cells`` grid, and from the centre of mass of every other cell, as hard
    as the nodes in it together."""
    n = len(pos)
    disp = np.zeros_like(pos)
    lo = pos.min(axis=0)
    size = (pos.max(axis=0) - lo) / cells + 1e-9
    cell_xy = np.clip(((pos - lo) / size).astype(np.int64), 0, cells - 1)
    cid = cell_xy[:, 0] * cells + cell_xy[:, 1]
    mass = np.bincount(cid, minlength=cells * cells).astype(float)
    full = mass > 0
    m = mass[full]
    centres = np.stack([np.bincount(cid, pos[:, 0], cells * cells)[full] / m,
                        np.bincount(cid, pos[:, 1], cells * cells)[full] / m], axis=1)
    soft = float((size ** 2).sum()) / 16 + 1e-3  # no blow-up next to a neighbouring cell's centre
    p32, c32, m32 = pos.astype(np.float32), centres.astype(np.float32), m.astype(np.float32)
    for a in range(0, n, chunk):
        delta = p32[a:a + chunk, None, :] - c32[None, :, :]
        d2 = np.einsum("ijk,ijk->ij", delta, delta) + np.float32(soft)
        disp[a:a + chunk] += np.einsum("ij,ijk->ik", m32 / d2, delta)
    # The own cell: its centre's push taken back, each other node of it pushing instead.
    own = (np.cumsum(full) - 1)[cid]
    delta = pos - centres[own]
    disp -= delta * (m[own] / ((delta ** 2).sum(axis=1) + soft))[:, None]
    order = np.argsort(cid, kind="stable")
    left, right = _pairs_within(mass[full].astype(np.int64))
    return disp + _pair_repulsion(pos, order[left], order[right])


def _grid(count: int, columns: int) -> np.ndarray:
    """Positions of ``count`` nodes without edges in rows of ``columns``, every
    other row shifted by half a step (their labels are wider than the step).

    >>> _grid(3, 2).tolist()
    [[0.0, 0.0], [240.0, 0.0], [120.0, 72.0]]
    """
    dx, dy = (step * EDGE_LENGTH for step in GRID_STEP)
    i = np.arange(count)
    row = i // columns
    return np.stack([(i % columns) * dx + (row % 2) * dx / 2, row * dy], axis=1).astype(float)


def _lying(points: np.ndarray) -> np.ndarray:
    """The points turned about their centre so that they spread most from left
    to right (screens are wide, and so are labels).

    >>> _lying(np.array([[0.0, 0.0], [0.0, 2.0], [0.0, 4.0]])).round(6).tolist()
    [[-2.0, 0.0], [0.0, 0.0], [2.0, 0.0]]
    """
    centred = points - points.mean(axis=0)
    axis = np.linalg.eigh(centred.T @ centred)[1][:, -1]  # the direction of the largest spread
    if axis[0] < 0 or (axis[0] == 0 and axis[1] < 0):
        axis = -axis  # one of the two turns, always the same
    return centred @ np.array([[axis[0], -axis[1]], [axis[1], axis[0]]])


def _shelves(extent: list[np.ndarray], width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Where each block of this (width, height) goes, in rows no wider than
    ``width`` (unless one block is): the corners, and the total width and height."""
    corners, x, y, row, right = [], 0.0, 0.0, 0.0, 0.0
    for w, h in extent:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        corners.append((x, y))
        x, row = x + w, max(row, h)
        right = max(right, x)
    return corners, right, y + row


def _packed(blocks: list[np.ndarray], alone: int) -> np.ndarray:
    """The blocks of positions side by side in rows (in the order given), then
    ``alone`` nodes in a grid, a margin around each block; the row width and
    the grid's columns chosen so that the whole best fits a screen of
    :data:`ASPECT`. Centred on (0, 0), rounded to a tenth."""
    if not blocks and not alone:
        return np.zeros((0, 2))
    margin = MARGIN * EDGE_LENGTH
    columns = sorted({max(1, round(alone ** 0.5 * f)) for f in (0.5, 0.7, 1, 1.4, 2, 3)}) if alone else []
    best = None
    for grid in [_grid(alone, c) for c in columns] or [None]:
        shapes = blocks + ([grid] if alone else [])
        low = [b.min(axis=0) for b in shapes]
        extent = [b.max(axis=0) - lo + 2 * margin for b, lo in zip(shapes, low)]
        narrow, wide = max(e[0] for e in extent), sum(e[0] for e in extent)
        for width in (np.geomspace(narrow, wide, 24) if wide > narrow else [narrow]):
            corners, w, h = _shelves(extent, width)
            fit = min(ASPECT / w, 1 / h)  # the zoom that shows the whole on a screen of that shape
            if best is None or fit > best[0]:
                best = (fit, shapes, low, corners)
    _, shapes, low, corners = best
    placed = np.concatenate([b - lo + (x + margin, y + margin) for b, lo, (x, y) in zip(shapes, low, corners)])
    placed -= (placed.min(axis=0) + placed.max(axis=0)) / 2
    return np.round(placed, 1)
