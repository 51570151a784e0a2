// Validates Kubernetes objects against the official Kubernetes OpenAPI schemas (and the Prometheus Operator's
// ServiceMonitor CRD schema), as compiled into validators by the kubernetes-models packages vendored beside this
// file (see README.md). Usage: node validate.mjs OBJECT.json...   (one object per file, JSON)
// Prints one line per object and exits 1 when any is invalid or of a kind it has no schema for.
import { readFileSync } from "node:fs";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";

const models = {
  "apps/v1 Deployment": Deployment,
  "v1 ConfigMap": ConfigMap,
  "v1 Secret": Secret,
  "v1 Service": Service,
  "policy/v1 PodDisruptionBudget": PodDisruptionBudget,
  "monitoring.coreos.com/v1 ServiceMonitor": ServiceMonitor,
};

let bad = 0;
for (const file of process.argv.slice(2)) {
  const object = JSON.parse(readFileSync(file, "utf8"));
  const kind = `${object.apiVersion} ${object.kind}`;
  const Model = models[kind];
  if (!Model) {
    console.log(`${file}: no schema for ${kind}`);
    bad++;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`${file}: valid ${kind}`);
  } catch (invalid) {
    console.log(`${file}: invalid ${kind}: ${invalid.message}`);
    bad++;
  }
}
process.exit(bad === 0 ? 0 : 1);
