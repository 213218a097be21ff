// The one worker pool (data-loaders/workers/pool.ts): results matched to tasks,
// a task's error rejects that task only, a dead worker fails the pool clearly.
import {describe, expect, it} from "vitest";
import {createPool} from "../data-loaders/workers/pool.js";

const echo = (size: number) =>
  createPool<number | "throw" | "exit", number, {add: number}>("module", {
    size,
    data: {module: new URL("./fixtures/workers/echo.ts", import.meta.url).href}
  });

describe("worker pool", () => {
  it("matches each result to its task, whatever worker ran it", async () => {
    const pool = echo(3);
    try {
      const tasks = Array.from({length: 40}, (_, i) => i);
      expect(await Promise.all(tasks.map((t) => pool.run(t)))).toEqual(tasks.map((t) => 2 * t));
      const context = {add: 1000};
      expect(await Promise.all(tasks.map((t) => pool.run(t, {context})))).toEqual(tasks.map((t) => 2 * t + 1000));
      pool.release(context);
      expect(await pool.run(5)).toBe(10);
    } finally {
      await pool.close();
    }
  });

  it("rejects a task that throws and keeps serving the others", async () => {
    const pool = echo(2);
    try {
      const runs = [pool.run(1), pool.run("throw"), pool.run(2)];
      await expect(runs[1]).rejects.toThrow("boom");
      expect(await Promise.all([runs[0], runs[2]])).toEqual([2, 4]);
    } finally {
      await pool.close();
    }
  });

  it("fails whole, naming the cause, when a worker dies; close rejects what is left", async () => {
    const pool = echo(1);
    const [dead, queued] = await Promise.allSettled([pool.run("exit"), pool.run(1)]);
    for (const r of [dead, queued]) expect(r).toMatchObject({status: "rejected", reason: {message: "module worker 0 exited with code 3"}});
    await expect(pool.run(2)).rejects.toThrow(/exited with code 3/);
    await pool.close();
    const other = echo(1);
    const late = expect(other.run(1)).rejects.toThrow(/closed/);
    await other.close();
    await late;
  });
});
