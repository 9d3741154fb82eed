# A case the fake's fixtures do not have: override_data replaces what
# wix_app_instance reads, while the ephemeral tokens still come from the
# fake (ephemeral resources cannot be overridden or mocked).
variables {
  instance_ids = ["aaaaaaaa-0000-4000-8000-000000000001"]
}

override_data {
  target = data.wix_app_instance.site
  values = {
    site_display_name = "Overridden site"
    site_url          = null
  }
}

run "unpublished_site" {
  command = plan

  assert {
    condition     = output.published["aaaaaaaa-0000-4000-8000-000000000001"] == false
    error_message = "An overridden site without a URL must count as unpublished."
  }

  assert {
    condition     = output.site_names["aaaaaaaa-0000-4000-8000-000000000001"] == "Overridden site"
    error_message = "The override did not apply."
  }
}
