# One token per site: for_each over the app's instance IDs.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "wix_instance_ids" {
  description = "Instance IDs of the sites the app is installed on."
  type        = set(string)
}

provider "wix" {}

ephemeral "wix_access_token" "site" {
  for_each    = var.wix_instance_ids
  instance_id = each.key
}

# Ephemeral values can flow into locals, provider blocks, write-only
# arguments and ephemeral outputs of child modules.
locals {
  authorization_headers = {
    for id, token in ephemeral.wix_access_token.site : id => { Authorization = token.access_token }
  }
}
