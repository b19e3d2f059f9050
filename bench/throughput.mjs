// In-process throughput and latency: every pipeline in ONE Node process, in interleaved rounds
// (the pipeline order is reshuffled each round), so machine noise hits all of them alike and the
// ratios between them hold even when absolute times drift.
//
// Definitions (also in docs/performance.md):
//   MB/s     input bytes (the whole post file, front matter included, for every pipeline, so the
//            ratio of two MB/s figures is the inverse ratio of their times) / render time,
//            median over rounds. The Markdown-only peers get the body with the front matter
//            stripped beforehand, outside the timed region.
//   latency  every single render call is one sample; median and p99 over all samples of a group.
//   CPU MB/s the same bytes over the process's CPU time (user + system, all threads) for the
//            group pass: a cross-check that other processes on a shared machine cannot inflate.
import { stripFrontMatter } from './corpus.mjs';
import { median, quantile, shuffled } from './stats.mjs';

const now = () => performance.now();

function inputsFor(peer, posts) {
  return posts.map((p) => (peer.input === 'body' ? stripFrontMatter(p.text) : p.text));
}

// `config`: { rounds, repeat: {group: n}, budgetMs, stressRounds, stressBudgetMs, stressPipelines: Set|null, log }
export async function measureThroughput(peers, groups, config) {
  const log = config.log ?? (() => {});
  const instances = [];
  for (const peer of peers) {
    const t0 = now();
    try {
      const renderer = await peer.create();
      instances.push({ peer, renderer, createMs: now() - t0 });
    } catch (err) {
      log(`  ${peer.id}: cannot start: ${err.message}`);
    }
  }

  const regular = Object.entries(groups).filter(([g]) => g !== 'stress');
  const stress = groups.stress ?? [];
  const results = {};
  let sink = 0;

  for (const inst of instances) {
    const r = (results[inst.peer.id] = { label: inst.peer.label, input: inst.peer.input, createMs: inst.createMs, groups: {}, stress: {} });
    inst.inputs = {};
    for (const [g, posts] of regular) {
      inst.inputs[g] = inputsFor(inst.peer, posts);
      r.groups[g] = { bytesPerRound: 0, roundMBps: [], roundCpuMBps: [], samples: [], spentMs: 0, errors: [] };
    }
    inst.stressInputs = inputsFor(inst.peer, stress);
    stress.forEach((p) => (r.stress[p.name] = { bytes: p.bytes, samples: [], spentMs: 0, error: null, skipped: null }));
  }

  // Warm-up: one untimed pass over the regular groups, so the JIT and the wasm tiers settle.
  for (const inst of instances) {
    for (const [g] of regular) {
      for (const input of inst.inputs[g]) {
        try {
          sink += inst.renderer.render(input).length;
        } catch {
          /* recorded in the timed rounds */
        }
      }
    }
  }

  const runGroup = (inst, g, posts) => {
    const rec = results[inst.peer.id].groups[g];
    const rep = config.repeat[g] ?? 1;
    let roundMs = 0;
    let roundBytes = 0;
    const cpu0 = process.cpuUsage();
    inst.inputs[g].forEach((input, i) => {
      if (rec.errors.some((e) => e.post === posts[i].name)) return;
      for (let k = 0; k < rep; k++) {
        const t0 = now();
        let out;
        try {
          out = inst.renderer.render(input);
        } catch (err) {
          rec.errors.push({ post: posts[i].name, error: String(err?.message ?? err).slice(0, 200) });
          return;
        }
        const dt = now() - t0;
        sink += out.length;
        rec.samples.push(dt);
        roundMs += dt;
        roundBytes += posts[i].bytes;
      }
    });
    const cpu = process.cpuUsage(cpu0);
    rec.spentMs += roundMs;
    if (roundMs > 0) {
      rec.roundMBps.push(roundBytes / 1e6 / (roundMs / 1e3));
      rec.roundCpuMBps.push(roundBytes / 1e6 / ((cpu.user + cpu.system) / 1e6));
    }
    rec.bytesPerRound = roundBytes;
  };

  for (let round = 0; round < config.rounds; round++) {
    const t0 = now();
    for (const [g, posts] of regular) {
      for (const inst of shuffled(instances, 7919 * (round + 1) + g.length)) {
        const rec = results[inst.peer.id].groups[g];
        // Slow pipelines stop repeating once they have spent their budget (but always run 2 rounds).
        if (round >= 2 && rec.spentMs > config.budgetMs) continue;
        runGroup(inst, g, posts);
      }
    }
    log(`  round ${round + 1}/${config.rounds}: ${((now() - t0) / 1e3).toFixed(1)} s`);
  }

  // Stress posts: rounds bounded per (pipeline, post) by count and time.
  const stressInstances = instances.filter((inst) => !config.stressPipelines || config.stressPipelines.has(inst.peer.id));
  for (const inst of instances) {
    if (!stressInstances.includes(inst)) for (const p of stress) results[inst.peer.id].stress[p.name].skipped = 'not run on the stress set (too slow; see docs)';
  }
  for (let round = 0; round < config.stressRounds; round++) {
    const t0 = now();
    stress.forEach((p, i) => {
      for (const inst of shuffled(stressInstances, 104729 * (round + 1) + i)) {
        const rec = results[inst.peer.id].stress[p.name];
        if (rec.error || (round >= 1 && rec.spentMs > config.stressBudgetMs)) continue;
        const t1 = now();
        try {
          sink += inst.renderer.render(inst.stressInputs[i]).length;
        } catch (err) {
          rec.error = String(err?.message ?? err).slice(0, 200);
          continue;
        }
        const dt = now() - t1;
        rec.samples.push(dt);
        rec.spentMs += dt;
      }
    });
    log(`  stress round ${round + 1}/${config.stressRounds}: ${((now() - t0) / 1e3).toFixed(1)} s`);
  }

  // Summaries.
  for (const r of Object.values(results)) {
    for (const rec of Object.values(r.groups)) {
      rec.rounds = rec.roundMBps.length;
      rec.mbps = median(rec.roundMBps);
      rec.cpuMBps = median(rec.roundCpuMBps);
      rec.medianMs = median(rec.samples);
      rec.p99Ms = quantile(rec.samples, 0.99);
      rec.count = rec.samples.length;
      delete rec.samples;
    }
    for (const rec of Object.values(r.stress)) {
      rec.rounds = rec.samples.length;
      rec.medianMs = median(rec.samples);
      rec.mbps = rec.bytes / 1e6 / (rec.medianMs / 1e3);
      delete rec.samples;
    }
  }
  return { results, sink };
}
