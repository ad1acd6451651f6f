#!/usr/bin/env python3
"""The M/M/c queue of scenarios/mmc.yaml in SimPy, the best-known Python
discrete-event library: Poisson arrivals, c servers, exponential service,
first come first served. Prints one JSON object: jobs, wall seconds, jobs per
second (of wall time and of processor time) and the mean wait in the queue
(seconds).

This is the textbook SimPy model (a Resource with c slots and one process
per job): the idiomatic way SimPy users write it, and far less work per job
than nommer-sim, which runs the whole orchestration core (feeder, workers,
job cache, queues and store) for every job.

Usage: simpy_mmc.py [--jobs N] [--servers C] [--utilization RHO] [--seed S]
"""
import argparse
import json
import random
import time

import simpy


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=16)
    parser.add_argument("--utilization", type=float, default=0.9)
    parser.add_argument("--service-seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rng_arrivals = random.Random(args.seed)
    rng_service = random.Random(args.seed + 1)
    arrival_rate = args.utilization * args.servers / args.service_seconds
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=args.servers)
    waits = {"sum": 0.0, "count": 0}

    def job(env):
        arrived = env.now
        with servers.request() as request:
            yield request
            waits["sum"] += env.now - arrived
            waits["count"] += 1
            yield env.timeout(rng_service.expovariate(1.0 / args.service_seconds))

    def source(env):
        for _ in range(args.jobs):
            yield env.timeout(rng_arrivals.expovariate(arrival_rate))
            env.process(job(env))

    started = time.perf_counter()
    cpu_started = time.process_time()
    env.process(source(env))
    env.run()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({
        "jobs": waits["count"],
        "wall_seconds": wall,
        "jobs_per_second": waits["count"] / wall,
        "cpu_seconds": cpu,
        "jobs_per_cpu_second": waits["count"] / cpu,
        "mean_wait_seconds": waits["sum"] / waits["count"],
    }))


if __name__ == "__main__":
    main()
