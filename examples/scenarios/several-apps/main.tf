# Several apps from one configuration: per-token credentials override the
# provider's. The same instance ID gives each app its own token.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "apps" {
  description = "Client ID, secret and instance of each app."
  type = map(object({
    client_id     = string
    client_secret = string
    instance_id   = string
  }))
  sensitive = true
}

provider "wix" {}

ephemeral "wix_access_token" "app" {
  # The map's keys are not secret; the values are.
  for_each      = toset(nonsensitive(keys(var.apps)))
  client_id     = var.apps[each.key].client_id
  client_secret = var.apps[each.key].client_secret
  instance_id   = var.apps[each.key].instance_id
}
