# A configuration to test: it reads the sites of the app's instances and
# mints a token for each. tests/ runs it with `terraform test` (or
# `tofu test`) against the fake Wix, which serves the token endpoint, Token
# Info and Get App Instance on a loopback port.
terraform {
  required_version = ">= 1.10" # the ephemeral resource; terraform test itself is 1.6+
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "instance_ids" {
  description = "Instance IDs of the sites the app is installed on."
  type        = set(string)
}

# WIX_API_URL, WIX_CLIENT_ID and WIX_CLIENT_SECRET: the fake's in tests.
provider "wix" {}

data "wix_app_instance" "site" {
  for_each    = var.instance_ids
  instance_id = each.key
}

ephemeral "wix_access_token" "site" {
  for_each    = var.instance_ids
  instance_id = each.key

  lifecycle {
    postcondition {
      condition     = timecmp(self.expires_at, plantimestamp()) > 0
      error_message = "Wix gave an expired token."
    }
  }
}

output "site_names" {
  value = { for id, site in data.wix_app_instance.site : id => site.site_display_name }
}

output "published" {
  value = { for id, site in data.wix_app_instance.site : id => site.site_url != null }
}
