/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-account-private.h"
#include "pb-http-proxy.h"

/* The regions of Sitecore Personalize, and the checks of the addresses an account holds. */

G_DEFINE_ENUM_TYPE (PbRegion, pb_region,
  G_DEFINE_ENUM_VALUE (PB_REGION_EUROPE, "europe"),
  G_DEFINE_ENUM_VALUE (PB_REGION_UNITED_STATES, "united-states"),
  G_DEFINE_ENUM_VALUE (PB_REGION_ASIA_PACIFIC, "asia-pacific"),
  G_DEFINE_ENUM_VALUE (PB_REGION_JAPAN, "japan"),
  G_DEFINE_ENUM_VALUE (PB_REGION_CUSTOM, "custom"))

static const char * const region_base_urls[] = {
  [PB_REGION_EUROPE] = "https://api-engage-eu.sitecorecloud.io",
  [PB_REGION_UNITED_STATES] = "https://api-engage-us.sitecorecloud.io",
  [PB_REGION_ASIA_PACIFIC] = "https://api-engage-ap.sitecorecloud.io",
  [PB_REGION_JAPAN] = "https://api-engage-jpe.sitecorecloud.io",
};

const char *
pb_region_get_base_url (PbRegion region)
{
  g_return_val_if_fail (region <= PB_REGION_CUSTOM, NULL);

  if (region == PB_REGION_CUSTOM)
    return NULL;

  return region_base_urls[region];
}

PbRegion
pb_region_for_base_url (const char *base_url)
{
  g_autofree char *normalized = NULL;

  if (base_url == NULL)
    return PB_REGION_CUSTOM;

  normalized = pb_account_normalize_url (base_url);
  for (guint i = 0; i < G_N_ELEMENTS (region_base_urls); i++)
    {
      if (g_ascii_strcasecmp (normalized, region_base_urls[i]) == 0)
        return (PbRegion) i;
    }

  return PB_REGION_CUSTOM;
}

char *
pb_account_normalize_url (const char *url)
{
  char *copy;
  gsize len;

  if (url == NULL)
    return g_strdup ("");

  copy = g_strstrip (g_strdup (url));
  len = strlen (copy);
  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

gboolean
pb_account_url_is_loopback (const char *url)
{
  g_autofree char *normalized = pb_account_normalize_url (url);
  g_autoptr(GUri) uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && pb_http_host_is_loopback (g_uri_get_host (uri));
}

gboolean
pb_account_check_url (const char  *url,
                      GError     **error)
{
  g_autofree char *normalized = pb_account_normalize_url (url);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (*normalized == '\0')
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("Enter a web address, such as "
                             "https://api-engage-eu.sitecorecloud.io."));
      return FALSE;
    }

  uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("This is not a web address. Enter one such as "
                             "https://api-engage-eu.sitecorecloud.io."));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("The address must not contain a user name or password. "
                             "Enter the credentials under “Sign-In” instead."));
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("The address must not contain “?” or “#”."));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0 && !pb_http_host_is_loopback (host))
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("The address must start with https://, so that the credentials "
                             "travel encrypted. Plain http:// is allowed only for this "
                             "computer (localhost, 127.0.0.1 or ::1)."));
      return FALSE;
    }

  return TRUE;
}

char *
_pb_account_host_of_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return g_strdup ("");

  if (g_uri_get_port (uri) > 0)
    {
      if (strchr (host, ':') != NULL)
        return g_strdup_printf ("[%s]:%d", host, g_uri_get_port (uri));
      return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));
    }

  return g_strdup (host);
}
