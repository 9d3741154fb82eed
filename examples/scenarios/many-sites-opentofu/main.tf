# OpenTofu 1.11+: one restapi configuration per site, each with its own
# ephemeral token, from one list of instance IDs. OpenTofu (1.9+) accepts
# for_each on provider blocks; Terraform does not (see many-sites-terraform).
terraform {
  required_version = ">= 1.11"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
    restapi = {
      source  = "Mastercard/restapi"
      version = "~> 1.20"
    }
  }
}

variable "wix_api_url" {
  type    = string
  default = "https://www.wixapis.com"
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

provider "restapi" {
  alias    = "site"
  for_each = var.wix_instance_ids

  uri                  = var.wix_api_url
  write_returns_object = true
  # Fails the run unless Wix accepts this site's token.
  test_path = "/apps/v1/instance"
  headers = {
    Authorization = ephemeral.wix_access_token.site[each.key].access_token
  }
}

# Each site's objects go here, through that site's configuration, e.g.
#   resource "restapi_object" "item" {
#     for_each = var.wix_instance_ids
#     provider = restapi.site[each.key]
#     ...
#   }
# This example manages none: the empty for_each only makes OpenTofu
# configure every restapi.site, whose test_path calls Wix with its token.
data "restapi_object" "none" {
  for_each     = toset([])
  provider     = restapi.site[each.key]
  path         = "/"
  search_key   = "id"
  search_value = "none"
}
