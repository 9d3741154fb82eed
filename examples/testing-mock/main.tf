# A configuration with data sources only, which terraform test can mock
# whole: tests/mock.tftest.hcl runs it without the fake or any network.
terraform {
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

provider "wix" {}

data "wix_app_instance" "site" {}

output "can_charge" {
  value = contains(data.wix_app_instance.site.permissions, "WIX_DEVELOPERS.MANAGE_CHARGE")
}
