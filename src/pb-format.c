/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-format"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"

const char *
pb_format_not_set (void)
{
  /* Translators: shown where the server sent no value for a field */
  return _("Not set");
}

const char *
pb_format_system_type (const char *system_type)
{
  if (system_type == NULL || *system_type == '\0')
    return pb_format_not_set ();
  if (g_ascii_strcasecmp (system_type, "DATA_SYSTEM") == 0)
    /* Translators: a connection that provides data to decisions */
    return _("Data system");
  if (g_ascii_strcasecmp (system_type, "DESTINATION") == 0)
    /* Translators: a connection that triggered experiences send messages to */
    return _("Destination");
  return system_type;
}

const char *
pb_format_auth_type (const char *auth_type)
{
  if (auth_type == NULL || *auth_type == '\0')
    return pb_format_not_set ();
  if (g_ascii_strcasecmp (auth_type, "NONE") == 0)
    return _("No authentication");
  if (g_ascii_strcasecmp (auth_type, "OAUTH") == 0)
    return _("OAuth 2.0");
  return auth_type;
}
