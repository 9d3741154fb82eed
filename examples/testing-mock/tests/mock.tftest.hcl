mock_provider "wix" {
  mock_data "wix_app_instance" {
    defaults = {
      site_display_name = "My Test Site"
      permissions       = ["WIX_DEVELOPERS.MANAGE_APP_INSTANCE"]
    }
  }
}

run "without_the_charge_permission" {
  command = plan

  assert {
    condition     = output.can_charge == false
    error_message = "The mocked site does not grant MANAGE_CHARGE."
  }
}
