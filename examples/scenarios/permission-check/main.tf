# Stop before any change when the app lacks a permission the configuration
# needs: the data source is read during plan, and its postcondition fails
# the plan.
terraform {
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "required_permission" {
  description = "A permission scope the changes below need."
  type        = string
  default     = "WIX_DEVELOPERS.MANAGE_CHARGE"
}

provider "wix" {}

data "wix_app_instance" "site" {
  lifecycle {
    postcondition {
      condition     = contains(self.permissions, var.required_permission)
      error_message = "The app lacks ${var.required_permission} on ${coalesce(self.site_display_name, self.site_id)}: add it on the app's Permissions page in the Wix Dev Center, and have the site owner approve it."
    }
  }
}

# Stands for the changes that need the permission.
resource "terraform_data" "changes" {
  input = data.wix_app_instance.site.site_id
}
