#!/usr/bin/env python3
"""Annotate a corpus of JSON Lines on Apache Spark with Sen's streaming worker.

Each partition's lines are piped through `sen run PIPELINE --input -`, which writes one
annotated document a line. A document Sen cannot annotate becomes an
{"id": ..., "error": ...} line, so one bad document never fails a task; a non-zero exit
means a real crash, and `checkCode=True` makes Spark fail (and retry) the task then
instead of silently keeping a partial partition.

    spark-submit --master yarn --files target/release/sen,pipelines/summits.yaml \\
        scripts/spark_annotate.py hdfs:///news/2025.jsonl hdfs:///sen/2025

Locally (tests): spark-submit --master 'local[2]' scripts/spark_annotate.py \\
    --sen target/debug/sen --pipeline pipelines/summits.yaml in.jsonl out/
"""

import argparse
import os
import shlex

from pyspark.sql import SparkSession


def shipped(path):
    """A path that exists where the driver runs (local runs) is used as is; otherwise the
    file was shipped with --files and sits in each executor's working directory."""
    if os.path.exists(path):
        return os.path.abspath(path)
    return "./" + os.path.basename(path)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="JSON Lines: one {\"id\", \"text\"} document a line")
    p.add_argument("output", help="output directory (one annotated document a line, part files)")
    p.add_argument("--sen", default="sen", help="the sen binary (shipped with --files, or a path)")
    p.add_argument("--pipeline", default="summits.yaml", help="the pipeline file (shipped with --files, or a path)")
    p.add_argument("--partitions", type=int, default=None, help="minimum number of input partitions")
    args = p.parse_args()

    spark = SparkSession.builder.appName("sen-annotate").getOrCreate()
    sc = spark.sparkContext
    sen = shipped(args.sen)
    pipeline = shipped(args.pipeline)
    # One thread per worker process: Spark already runs one task per core.
    command = " ".join(shlex.quote(x) for x in [sen, "run", pipeline, "--input", "-", "--threads", "1"])
    lines = sc.textFile(args.input, minPartitions=args.partitions) if args.partitions else sc.textFile(args.input)
    lines.pipe(command, checkCode=True).saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
