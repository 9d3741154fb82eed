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
  description = "The client ID and instance of each app, by a name of your choice."
  type = map(object({
    client_id   = string
    instance_id = string
  }))
}

# The App secrets, by the same names. Ephemeral, so that no saved plan or
# state keeps them; for_each cannot use an ephemeral value, hence two maps.
variable "app_secrets" {
  type      = map(string)
  ephemeral = true
}

provider "wix" {}

ephemeral "wix_access_token" "app" {
  for_each      = var.apps
  client_id     = each.value.client_id
  client_secret = var.app_secrets[each.key]
  instance_id   = each.value.instance_id
}
