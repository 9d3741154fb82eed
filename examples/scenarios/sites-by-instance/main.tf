# What the sites are: for_each over the app's instance IDs gives a map of
# instance ID to each site's name and URL.
terraform {
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

data "wix_app_instance" "site" {
  for_each    = var.wix_instance_ids
  instance_id = each.key
}

output "sites" {
  value = {
    for id, site in data.wix_app_instance.site : id => {
      name = site.site_display_name
      url  = site.site_url # null until the site is published
    }
  }
}
