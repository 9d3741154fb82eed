terraform {
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

# Credentials come from WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID.
provider "wix" {}

# The provider's instance; set instance_id here for another one.
data "wix_app_instance" "site" {}

output "site" {
  value = {
    name        = data.wix_app_instance.site.site_display_name
    url         = data.wix_app_instance.site.site_url # null until the site is published
    site_id     = data.wix_app_instance.site.site_id
    permissions = data.wix_app_instance.site.permissions
  }
}
