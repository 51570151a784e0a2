#!/usr/bin/env bash
# Refreshes node_modules/ here: installs the pinned kubernetes-models packages from npm into a scratch
# directory, runs validate.mjs there over valid and invalid sample objects while recording every file Node
# loads, and copies exactly those files (plus each package's package.json and licence) here. Run it by hand
# when the versions below change; the tests only read what is committed (no download at test time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KUBERNETES_MODELS=5.1.0
PROMETHEUS_OPERATOR=6.0.0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "kubernetes-models@$KUBERNETES_MODELS" "@kubernetes-models/prometheus-operator@$PROMETHEUS_OPERATOR"
cp "$here/validate.mjs" .
cat > samples.mjs <<'JS'
import { writeFileSync } from "node:fs";
const pod = { containers: [{ name: "app", image: "img", ports: [{ containerPort: 4000, name: "http" }] }] };
const objects = [
  { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a" }, spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: pod } } },
  { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a" }, spec: { selector: {}, template: { spec: { containers: [{ name: "x", ports: [{ containerPort: "4000" }] }] } } } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "a" }, spec: { ports: [{ port: 4000, targetPort: "http" }] } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { "config.yaml": "x" } },
  { apiVersion: "v1", kind: "Secret", metadata: { name: "a" }, stringData: { k: "v" } },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "a" }, spec: { minAvailable: 1, selector: {} } },
  { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "a" }, spec: { endpoints: [{ port: "http", path: "/metrics", interval: "30s" }], selector: {} } },
  { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "a" }, spec: { endpoints: [{ port: 1 }], selector: {} } },
];
objects.forEach((o, i) => writeFileSync(`sample-${i}.json`, JSON.stringify(o)));
JS
node samples.mjs
cat > record-esm.mjs <<'JS'
import { appendFileSync } from "node:fs";
export async function load(url, context, next) { appendFileSync(process.env.LOADED, url + "\n"); return next(url, context); }
JS
cat > record.mjs <<'JS'
import { register } from "node:module";
register("./record-esm.mjs", import.meta.url);
JS
cat > record.cjs <<'JS'
const Module = require("module"), fs = require("fs"), resolve = Module._resolveFilename;
Module._resolveFilename = function (...args) { const f = resolve.apply(this, args); if (f.startsWith("/")) fs.appendFileSync(process.env.LOADED, f + "\n"); return f; };
JS
LOADED="$scratch/loaded.txt" node --require ./record.cjs --import ./record.mjs validate.mjs sample-*.json >/dev/null || true
rm -rf "$here/node_modules"
sed 's|^file://||' loaded.txt | grep "^$scratch/node_modules/" | sort -u | while read -r file; do
  rel=${file#"$scratch/"}
  mkdir -p "$here/$(dirname "$rel")"
  cp "$file" "$here/$rel"
  # the package the file belongs to: node_modules/NAME or node_modules/@SCOPE/NAME
  pkg=$(echo "$rel" | sed -E 's|^(node_modules/(@[^/]+/)?[^/]+)/.*|\1|')
  for meta in package.json LICENSE LICENSE.md LICENSE.txt license; do
    if [ -f "$scratch/$pkg/$meta" ]; then cp "$scratch/$pkg/$meta" "$here/$pkg/$meta"; fi
  done
done
cd "$here"
echo "vendored $(find node_modules -type f | wc -l) files, $(du -sh node_modules | cut -f1)"
for f in "$scratch"/sample-*.json; do node validate.mjs "$f" || true; done
