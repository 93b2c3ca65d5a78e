#!/usr/bin/env python3
"""The structure of examples/kubernetes/: what a cluster would reject or silently get wrong.

  kubernetes_manifests.py SOURCE_DIR

Kinds and API versions; the shards Job is Indexed, its completions equal the N of the
`--shard`-giving command, which turns JOB_COMPLETION_INDEX (0-based) into K (1-based); every
container uses the image scripts/build-image.sh builds (and the README's CronJob too), never
pulled; every volume mount names a volume of its pod; the work volume is one claim, defined in
volume.yaml, mounted as the working directory everywhere; the merge reads the part files the
shards write; the Containerfile installs the .deb on debian:bookworm-slim and puts shard.sh where
the Job calls it. Exits 77 when PyYAML is missing.
"""
import glob
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    # Debian's python3-yaml serves /usr/bin/python3, which need not be the python3 on PATH.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("SKIP: PyYAML not installed (Debian: python3-yaml)")
    sys.exit(77)

src = sys.argv[1]
kdir = os.path.join(src, "examples", "kubernetes")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


image = subprocess.run(["bash", os.path.join(src, "scripts", "build-image.sh"), "--print-image"],
                       capture_output=True, text=True, check=True).stdout.strip()
version = re.search(r"^project\(pantau VERSION ([0-9.]+)", open(os.path.join(src, "CMakeLists.txt")).read(), re.M).group(1)
check(image == "localhost/pantau:" + version, f"build-image.sh builds localhost/pantau:{version} ({image})")

docs = {}
for path in sorted(glob.glob(os.path.join(kdir, "*.yaml"))):
    for doc in yaml.safe_load_all(open(path)):
        if doc:
            docs[(doc["kind"], doc["metadata"]["name"])] = (os.path.basename(path), doc)

pvcs = {name for (kind, name) in docs if kind == "PersistentVolumeClaim"}
check("pantau-data" in pvcs, "volume.yaml defines the claim pantau-data")
check(docs[("PersistentVolumeClaim", "pantau-data")][1]["spec"]["accessModes"] == ["ReadWriteMany"],
      "pantau-data is ReadWriteMany (shards on several nodes write to it at once)")


def pod_spec(kind, doc):
    if kind == "Job":
        return doc["spec"]["template"]["spec"]
    if kind == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return None


def check_pod(label, pod):
    check(pod.get("restartPolicy") in ("Never", "OnFailure"), f"{label}: restartPolicy Never or OnFailure")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for c in pod["containers"]:
        check(c["image"] == image, f"{label}: container {c['name']} uses {image} (is {c['image']})")
        check(c.get("imagePullPolicy") == "Never", f"{label}: container {c['name']} is never pulled")
        mounts = {m["name"]: m for m in c.get("volumeMounts", [])}
        for name in mounts:
            check(name in volumes, f"{label}: mount {name} names a volume of the pod")
        data = mounts.get("data")
        check(data is not None and data["mountPath"] == "/srv/pantau" == c.get("workingDir"),
              f"{label}: the work volume is mounted at the working directory /srv/pantau")
    data = volumes.get("data", {})
    claim = data.get("persistentVolumeClaim", {}).get("claimName")
    check(claim in pvcs, f"{label}: the work volume is a claim defined in volume.yaml ({claim})")


for (kind, name), (path, doc) in docs.items():
    if kind in ("Job", "CronJob"):
        check(doc["apiVersion"] == "batch/v1", f"{path}: {kind} {name} is batch/v1")
        check_pod(f"{path} {kind} {name}", pod_spec(kind, doc))

shards = docs.get(("Job", "pantau-shards"), (None, None))[1]
check(shards is not None, "shards-job.yaml defines the Job pantau-shards")
spec = shards["spec"]
check(spec.get("completionMode") == "Indexed", "pantau-shards: completionMode Indexed")
n = spec.get("completions")
check(isinstance(n, int) and 1 <= n <= 1024, f"pantau-shards: completions {n} within --shard's 1..1024")
p = spec.get("parallelism")
check(isinstance(p, int) and 1 <= p <= n, f"pantau-shards: parallelism {p} between 1 and completions")
check(isinstance(spec.get("backoffLimit"), int) and spec["backoffLimit"] >= n,
      "pantau-shards: backoffLimit lets every shard fail at least once")
cmd = " ".join(shards["spec"]["template"]["spec"]["containers"][0]["command"])
m = re.search(r"pantau-shard \$\(\(JOB_COMPLETION_INDEX \+ 1\)\) (\d+) (\S+)", cmd)
check(m is not None, "pantau-shards: K = JOB_COMPLETION_INDEX + 1 is passed to pantau-shard")
check(m is not None and int(m.group(1)) == n, f"pantau-shards: the command's N equals completions ({n})")

merge = docs.get(("Job", "pantau-merge"), (None, None))[1]
check(merge is not None, "merge-job.yaml defines the Job pantau-merge")
mcmd = " ".join(merge["spec"]["template"]["spec"]["containers"][0]["command"])
check(re.search(r"pantau report --merge .*part-\*\.ndjson", mcmd) is not None,
      "pantau-merge: report --merge reads the part-*.ndjson files")
shard_sh = open(os.path.join(src, "examples", "scale", "shard.sh")).read()
check('-o "part-$k.ndjson.tmp"' in shard_sh and 'mv "part-$k.ndjson.tmp" "part-$k.ndjson"' in shard_sh,
      "shard.sh writes part-K.ndjson in the working directory")

cron = docs.get(("CronJob", "pantau"), (None, None))[1]
check(cron is not None and cron["spec"].get("concurrencyPolicy") == "Forbid", "CronJob pantau: concurrencyPolicy Forbid")
check(cron is not None and len(cron["spec"]["schedule"].split()) == 5, "CronJob pantau: a five-field schedule")

readme = open(os.path.join(src, "README.md")).read()
blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", readme, re.S)]
rcron = [b for b in blocks if isinstance(b, dict) and b.get("kind") == "CronJob"]
check(len(rcron) == 1, "README.md shows one CronJob")
if rcron:
    check_pod("README.md CronJob", pod_spec("CronJob", rcron[0]))

cf = open(os.path.join(kdir, "Containerfile")).read()
check(re.search(r"^FROM (docker\.io/library/)?debian:bookworm-slim$", cf, re.M) is not None,
      "Containerfile: FROM debian:bookworm-slim")
check("apt-get install" in cf and "/tmp/pantau.deb" in cf, "Containerfile: installs the .deb")
check("COPY shard.sh /usr/local/bin/pantau-shard" in cf, "Containerfile: shard.sh is pantau-shard")
check(re.search(r"^WORKDIR /srv/pantau$", cf, re.M) is not None, "Containerfile: WORKDIR /srv/pantau")
bi = open(os.path.join(src, "scripts", "build-image.sh")).read()
check("/usr/local/bin/pantau-shard" in bi and "--config.workingdir /srv/pantau" in bi,
      "build-image.sh: same pantau-shard path and working directory as the Containerfile")

print(f"kubernetes manifests: {len(failures)} failures" if failures else "kubernetes manifests: all ok")
sys.exit(1 if failures else 0)
