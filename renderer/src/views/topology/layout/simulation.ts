/**
 * d3-force's simulation as the layout's integrator (alpha, its decay, velocity decay, fx/fy),
 * always stopped and ticked by hand in bounded batches, never on its own timer. d3's forces cache
 * per node on `initialize` (link ends, rest lengths, strengths, anchor targets), so the layout
 * marks what changed and this hands it over before the next tick.
 */
import { forceSimulation, type Simulation } from 'd3-force';
import { forceHashedCollide } from './collide';
import { anchorForces, linkForce, refreshAnchors, seededRandom, type LayoutLink, type LayoutNode } from './forces';
import { GAP } from './seeding';

const ALPHA_MIN = 0.002;
/** From 1 to ALPHA_MIN in ~120 ticks: seeding starts near equilibrium, so fewer than d3's 300 do. */
const ALPHA_DECAY = 1 - Math.pow(ALPHA_MIN, 1 / 120);
/** A change warms the layout this much: new nodes settle, the rest barely moves. */
export const REHEAT_ALPHA = 0.05;
const VELOCITY_DECAY = 0.4;
const COLLIDE_STRENGTH = 0.7;

export class LayoutSimulation {
  private readonly link = linkForce();
  private readonly anchors = anchorForces();
  private readonly simulation: Simulation<LayoutNode, LayoutLink> = forceSimulation<LayoutNode, LayoutLink>()
    .stop()
    .alpha(0)
    .alphaMin(ALPHA_MIN)
    .alphaDecay(ALPHA_DECAY)
    .velocityDecay(VELOCITY_DECAY)
    .randomSource(seededRandom())
    .force('link', this.link)
    .force('x', this.anchors.x)
    .force('y', this.anchors.y)
    .force('collide', forceHashedCollide<LayoutNode>(GAP, COLLIDE_STRENGTH));
  private nodesDirty = false;
  private anchorsDirty = false;

  get alpha(): number {
    return this.simulation.alpha();
  }

  /** True once cooled: no more ticks needed until the next change. */
  get stable(): boolean {
    return this.simulation.alpha() < ALPHA_MIN;
  }

  /** Full heat and a fresh random source (the same sequence for the same graph). */
  restart(): void {
    this.simulation.randomSource(seededRandom()).alpha(1);
  }

  /** Reheats gently: only what changed should move. */
  warm(): void {
    this.simulation.alpha(Math.max(this.simulation.alpha(), REHEAT_ALPHA));
  }

  /** Nodes, links, degrees or sizes changed. */
  nodesChanged(): void {
    this.nodesDirty = true;
  }

  anchorsMoved(): void {
    this.anchorsDirty = true;
  }

  tick(nodes: LayoutNode[], links: LayoutLink[]): void {
    if (this.nodesDirty) {
      // Links emptied first: re-initializing the nodes must not resolve links to removed nodes.
      this.link.links([]);
      this.simulation.nodes(nodes);
      this.link.links(links);
    } else if (this.anchorsDirty) {
      refreshAnchors(this.anchors);
    }
    this.nodesDirty = this.anchorsDirty = false;
    this.simulation.tick();
  }
}
