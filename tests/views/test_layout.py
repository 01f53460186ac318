"""kg.views.layout: one deterministic layout for the page and the GEXF file,
each connected component apart, isolated nodes in a block of their own."""
from __future__ import annotations

import random

import networkx as nx
import numpy as np

from kg.views.layout import EDGE_LENGTH, EXACT, layout


def box(pos: dict, nodes) -> tuple[float, float, float, float]:
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def overlap(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def clusters() -> nx.MultiDiGraph:
    """A large component (above EXACT, so simulated on the grid), smaller ones, pairs and isolated nodes."""
    g = nx.MultiDiGraph()
    parts = [nx.barabasi_albert_graph(EXACT + 40, 2, seed=1), nx.barabasi_albert_graph(40, 2, seed=2),
             nx.cycle_graph(6), nx.path_graph(3), nx.path_graph(2), nx.path_graph(2)]
    for i, part in enumerate(parts):
        for u, v in part.edges():
            g.add_edge(f"c{i}-{u}", f"c{i}-{v}", key="opposes/asserted")
    for i in range(9):
        g.add_node(f"alone-{i}")
    return g


def components(g):
    return [sorted(c) for c in nx.connected_components(g.to_undirected())]


def test_clusters_are_laid_out_apart_and_isolated_nodes_in_their_own_block():
    g = clusters()
    pos = layout(g)
    assert set(pos) == set(g) and all(len(p) == 2 for p in pos.values())
    linked = [c for c in components(g) if len(c) > 1]
    alone = [n for n in g if g.degree(n) == 0]
    boxes = [box(pos, c) for c in linked] + [box(pos, alone)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not overlap(a, b), (a, b)
    # Centred on the origin.
    x0, y0, x1, y1 = box(pos, g)
    assert abs(x0 + x1) < 1 and abs(y0 + y1) < 1


def test_layout_is_deterministic_whatever_the_order_of_the_graph():
    g = clusters()
    edges = list(g.edges(keys=True))
    random.Random(3).shuffle(edges)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(sorted(g, reverse=True))
    shuffled.add_edges_from(edges)
    assert layout(shuffled) == layout(g) == layout(g)


def test_neighbours_close_and_nodes_not_on_top_of_each_other():
    for g in (nx.connected_caveman_graph(30, 8), nx.barabasi_albert_graph(80, 2, seed=1),
              nx.barabasi_albert_graph(3 * EXACT, 2, seed=1)):
        pos = layout(g)
        dist = lambda a, b: float(np.hypot(pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]))  # noqa: E731
        linked = sum(dist(u, v) for u, v in g.edges()) / g.number_of_edges()
        nodes = list(g)
        unlinked = sum(dist(nodes[i], nodes[-1 - i]) for i in range(len(nodes) // 2)) / (len(nodes) // 2)
        assert linked < unlinked / 2
        pts = np.array([pos[n] for n in nodes])
        d = np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1))
        np.fill_diagonal(d, np.inf)
        assert np.percentile(d.min(axis=1), 5) > 0.2 * EDGE_LENGTH


def test_a_long_component_lies_flat_and_the_whole_fits_a_screen():
    pos = layout(nx.path_graph(12))
    x0, y0, x1, y1 = box(pos, range(12))
    assert x1 - x0 > 1.5 * (y1 - y0)  # a path drawn from left to right, screens being wide
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(40))
    x0, y0, x1, y1 = box(layout(g), range(40))  # isolated nodes only: a grid wider than tall
    assert 1 < (x1 - x0) / (y1 - y0) < 4


def test_small_graphs():
    assert layout(nx.Graph()) == {}
    assert layout(nx.path_graph(1)) == {0: (0.0, 0.0)}
    pair = layout(nx.path_graph(2))
    assert pair[0][1] == pair[1][1] and 0.3 * EDGE_LENGTH < pair[1][0] - pair[0][0] < 3 * EDGE_LENGTH
