# The token in a write-only argument (Terraform 1.11+, OpenTofu 1.11+): a
# Kubernetes Secret for an in-cluster job that calls Wix during or soon after
# the run. The token reaches the cluster, never the plan or the state.
terraform {
  required_version = ">= 1.11"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.36" # the first release with data_wo
    }
  }
}

provider "wix" {}

ephemeral "wix_access_token" "site" {}

resource "kubernetes_secret_v1" "wix_token" {
  metadata {
    name      = "wix-access-token"
    namespace = "default"
  }
  type = "Opaque"

  data_wo = {
    WIX_ACCESS_TOKEN = ephemeral.wix_access_token.site.access_token
  }
  # A write-only value is sent only when its revision changes (and not at all
  # without one). The token lives four hours, so this sends a fresh one on
  # every run: every plan shows this secret as changed.
  data_wo_revision = parseint(formatdate("YYYYMMDDhhmmss", plantimestamp()), 10)
}
