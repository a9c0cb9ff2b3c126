import { describe, expect, it } from 'vitest';
import { chooseDistanceBand } from './distance-band';
import { emergingHotSpots } from './emerging';
import {
  type LatticeCell,
  latticeAverageKthNeighbourDistance,
  latticeNeighbourSums,
  latticeNeighboursWithin,
  squareLattice,
} from './lattice';
import { moranProfile } from './moran';
import { averageKthNeighbourDistance, neighbourSums, neighboursWithin } from './neighbours';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An irregular area of square cells in EPSG:4543-like coordinates: a ragged blob with holes, a
 * detached island and a one-cell spur, centroids carrying PostGIS-like rounding noise, in row order
 * (j, then i), with clustered integer counts (a few centres of high counts over a low background).
 */
function area(size: number, seed: number): { cells: LatticeCell[]; values: number[] } {
  const rnd = random(seed);
  const i0 = Math.floor(520_000 / size);
  const j0 = Math.floor(3_050_000 / size);
  const keep = new Set<string>();
  for (let j = 0; j < 36; j++) {
    for (let i = 0; i < 44; i++) {
      const ragged = Math.abs(i - 22) / 22 + Math.abs(j - 18) / 18 < 1.25 + 0.3 * rnd();
      if (ragged && rnd() > 0.15) keep.add(`${i}:${j}`);
    }
  }
  for (let j = 40; j < 44; j++) for (let i = 50; i < 53; i++) keep.add(`${i}:${j}`); // island
  keep.add('60:10'); // a lone cell far from the rest
  const centres = [
    [12, 10],
    [30, 22],
    [51, 41],
  ] as const;
  const cells: LatticeCell[] = [];
  const values: number[] = [];
  for (let j = 0; j < 50; j++) {
    for (let i = 0; i < 70; i++) {
      if (!keep.has(`${i}:${j}`)) continue;
      const noise = () => (rnd() - 0.5) * 2e-9 * size;
      cells.push({
        i: i0 + i,
        j: j0 + j,
        x: (i0 + i + 0.5) * size + noise(),
        y: (j0 + j + 0.5) * size + noise(),
      });
      const heat = centres.reduce(
        (s, [ci, cj]) => s + 30 * Math.exp(-((i - ci) ** 2 + (j - cj) ** 2) / 18),
        0,
      );
      values.push(Math.floor(heat + rnd() * 4));
    }
  }
  return { cells, values };
}

/** Brute force: every pair measured. */
function bruteSums(cells: readonly LatticeCell[], values: readonly number[], band: number, self: boolean) {
  const limit = (band * (1 + 1e-9)) ** 2;
  return cells.map((p, a) => {
    let count = 0;
    let sum = 0;
    cells.forEach((q, b) => {
      if (a === b ? self : (q.x - p.x) ** 2 + (q.y - p.y) ** 2 <= limit) {
        count++;
        sum += values[b]!;
      }
    });
    return { count, sum };
  });
}

const SIZES = [250, 500, 333];

describe('square lattice neighbourhoods', () => {
  it('builds a lattice only from square cells in row order on their centroids', () => {
    const { cells } = area(500, 1);
    const lattice = squareLattice(cells, 500)!;
    expect(lattice.width).toBe(61);
    expect(lattice.at[lattice.row[7]! * lattice.width + lattice.col[7]!]).toBe(7);
    expect(squareLattice([...cells].reverse(), 500)).toBeNull(); // not in row order
    expect(squareLattice(cells, 400)).toBeNull(); // centroids off the lattice
    expect(squareLattice([...cells, { ...cells[cells.length - 1]! }], 500)).toBeNull(); // a cell twice
    expect(squareLattice([], 500)).toBeNull();
  });

  for (const size of SIZES) {
    const { cells, values } = area(size, size);
    const lattice = squareLattice(cells, size)!;
    // Lattice distances exactly (√2, 2, √5, 3 cells), between them, below one cell and beyond the island's gap.
    const bands = [
      size * Math.SQRT2,
      size * 2,
      size * Math.sqrt(5),
      size * 3,
      size * 2.7,
      size * 0.9,
      size * 9.5,
    ];

    it(`gives the brute-force neighbour counts and sums, at ${size} m, holes and edges included`, () => {
      expect(lattice).not.toBeNull();
      for (const band of bands) {
        for (const self of [true, false]) {
          const { count, sum } = latticeNeighbourSums(lattice, values, band, self);
          const brute = bruteSums(cells, values, band, self);
          expect(Array.from(count)).toEqual(brute.map((b) => b.count));
          expect(Array.from(sum)).toEqual(brute.map((b) => b.sum));
          const points = neighbourSums(cells, values, band, self);
          expect(count).toEqual(points.count);
          expect(sum).toEqual(points.sum);
          const lists = latticeNeighboursWithin(lattice, band, self);
          expect(lists.map((l) => [...l].sort((a, b) => a - b))).toEqual(
            neighboursWithin(cells, band, self).map((l) => [...l].sort((a, b) => a - b)),
          );
          if (self) expect(lists.every((l, k) => l[0] === k)).toBe(true);
        }
      }
    });

    it(`gives moranProfile's figures bit for bit, at ${size} m`, () => {
      const profileBands = [size * Math.SQRT2, ...Array.from({ length: 7 }, (_, k) => size * (k + 2))];
      expect(moranProfile(cells, values, profileBands, { lattice })).toEqual(
        moranProfile(cells, values, profileBands),
      );
      const odd = [size * 2.7, size * 1.01, size * Math.sqrt(5)];
      expect(moranProfile(cells, values, odd, { lattice })).toEqual(moranProfile(cells, values, odd));
    });

    it(`gives the k-th neighbour distance of the ring search, and of brute force, at ${size} m`, () => {
      const sorted = cells.map((p) =>
        cells.map((q) => Math.hypot(q.x - p.x, q.y - p.y)).sort((a, b) => a - b),
      );
      for (const k of [1, 4, 8, 20]) {
        const onLattice = latticeAverageKthNeighbourDistance(lattice, k);
        expect(onLattice).toBe(averageKthNeighbourDistance(cells, k, size));
        const brute = sorted.reduce((s, d) => s + d[k]!, 0) / cells.length; // d[0] is the cell itself
        expect(onLattice).toBeCloseTo(brute, 6);
      }
    });

    it(`chooses the same distance band and gives the same emerging hot spots, at ${size} m`, () => {
      expect(chooseDistanceBand(cells, values, size, { lattice })).toEqual(
        chooseDistanceBand(cells, values, size),
      );
      const rnd = random(7);
      const counts = values.map((v) =>
        Array.from({ length: 8 }, (_, t) => Math.floor(v * (0.5 + t / 8) * rnd())),
      );
      for (const band of [size * Math.SQRT2, size * 2.5]) {
        const input = { points: cells, counts, band, timeWindow: 1, fdr: true };
        expect(emergingHotSpots({ ...input, lattice })).toEqual(emergingHotSpots(input));
      }
    });
  }

  it('searches beyond its rings for a cell whose neighbours are far away', () => {
    // Two clusters 40 cells apart: for k = 5 every cell of the smaller cluster reaches into the other.
    const cells: LatticeCell[] = [];
    for (let j = 0; j < 3; j++)
      for (let i = 0; i < 3; i++) cells.push({ i, j, x: (i + 0.5) * 100, y: (j + 0.5) * 100 });
    for (let j = 0; j < 2; j++) cells.push({ i: 40, j, x: 4050, y: (j + 0.5) * 100 });
    cells.sort((a, b) => a.j - b.j || a.i - b.i);
    const lattice = squareLattice(cells, 100)!;
    expect(latticeAverageKthNeighbourDistance(lattice, 9)).toBe(averageKthNeighbourDistance(cells, 9, 100));
    expect(latticeAverageKthNeighbourDistance(lattice, 30)).toBe(averageKthNeighbourDistance(cells, 30, 100));
  });
});
