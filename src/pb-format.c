/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-format.h"

const char *
pb_format_not_set (void)
{
  /* Translators: shown where the server sent no value for a field */
  return _("Not set");
}

char *
pb_format_for_display (const char *text,
                       gsize       max_chars)
{
  const char *end = text;
  const char *last = text;
  GString *shown;
  gsize n = 0;

  if (text == NULL)
    return NULL;

  /* Walk max_chars characters at most, never the whole of a huge value.
   * g_utf8_find_next_char() stops at the final nul, whatever the bytes before it. */
  while (*end != '\0' && n < max_chars)
    {
      last = end;
      end = g_utf8_find_next_char (end, NULL);
      n++;
    }
  if (*end == '\0')
    return g_strdup (text);
  if (max_chars == 0)
    return g_strdup ("");

  /* The ellipsis takes the place of the last character. */
  shown = g_string_new_len (text, last - text);
  g_string_append (shown, "…");
  return g_string_free (shown, FALSE);
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

char *
pb_format_change_value (const char *path,
                        const char *text)
{
  gint64 milliseconds;

  if (path == NULL || text == NULL)
    return g_strdup (text);
  if (g_str_equal (path, "systemType"))
    return g_strdup (pb_format_system_type (text));
  if (g_str_equal (path, "auth.authType"))
    return g_strdup (pb_format_auth_type (text));
  /* The fields the page shows as Yes or No; any other true stays as the server wrote it. */
  if (g_str_equal (path, "archived") || g_str_equal (path, "auth.useMutualTls"))
    {
      if (g_str_equal (text, "true"))
        return g_strdup (_("Yes"));
      if (g_str_equal (text, "false"))
        return g_strdup (_("No"));
    }
  /* A whole number of milliseconds; anything else ("1.5") as it came, as the page says it. */
  if ((g_str_equal (path, "connectionTimeout") || g_str_equal (path, "socketTimeout")) &&
      g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &milliseconds, NULL))
    return pb_format_milliseconds (milliseconds);

  return g_strdup (text);
}

static char *
format_relative (GDateTime *then,
                 GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, then);
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = span / G_TIME_SPAN_HOUR;
  gint64 days = span / G_TIME_SPAN_DAY;

  if (span < 0)
    return NULL;
  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) minutes),
                            (int) minutes);
  if (days < 1)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);
  if (days < 31)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);
  if (days < 365)
    return g_strdup_printf (ngettext ("%d month ago", "%d months ago", (gulong) (days / 30)),
                            (int) (days / 30));
  return g_strdup_printf (ngettext ("%d year ago", "%d years ago", (gulong) (days / 365)),
                          (int) (days / 365));
}

char *
pb_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;
  char *date;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_to_local (date_time);
  /* Translators: the one way dates and times are written (the last change of a connection,
   * the time of the offline copy); see the GLib function g_date_time_format() for the codes.
   * "%-e %B %Y, %H:%M" reads "5 December 2026, 11:17" */
  date = g_date_time_format (local, _("%-e %B %Y, %H:%M"));

  return date != NULL ? date : g_date_time_format_iso8601 (local);
}

char *
pb_format_date_time_ago (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_to_local (date_time);
  date = pb_format_date_time (local);
  relative = format_relative (local, now);
  if (relative == NULL)
    return g_steal_pointer (&date);

  /* Translators: a date and time, then how long ago it was,
   * e.g. "2 July 2025, 16:04 (3 days ago)" */
  return g_strdup_printf (_("%s (%s)"), date, relative);
}

char *
pb_format_date_short (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *format;
  char *text;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_to_local (date_time);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) != g_date_time_get_year (now))
    /* Translators: a day in a list row, see g_date_time_format(); reads "3 Dec 2025" */
    format = _("%-e %b %Y");
  else if (g_date_time_get_day_of_year (local) != g_date_time_get_day_of_year (now))
    /* Translators: a day of this year in a list row; reads "3 Dec" */
    format = _("%-e %b");
  else
    /* Translators: a time of today in a list row; reads "16:04" */
    format = _("%H:%M");

  text = g_date_time_format (local, format);
  return text != NULL ? text : g_date_time_format_iso8601 (local);
}

char *
pb_format_milliseconds (gint64 milliseconds)
{
  g_autofree char *number = NULL;

  if (milliseconds < 0)
    return NULL;

  if (milliseconds < 1000)
    {
      number = g_strdup_printf ("%" G_GINT64_FORMAT, milliseconds);
      return g_strdup_printf (ngettext ("%s millisecond", "%s milliseconds", (gulong) milliseconds),
                              number);
    }

  if (milliseconds % 1000 == 0)
    {
      gint64 seconds = milliseconds / 1000;

      number = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
      return g_strdup_printf (ngettext ("%s second", "%s seconds", (gulong) seconds), number);
    }

  /* Up to three decimals, without trailing zeros, with the decimal mark of the locale. */
  number = g_strdup_printf ("%.3f", milliseconds / 1000.0);
  while (g_str_has_suffix (number, "0"))
    number[strlen (number) - 1] = '\0';

  /* Translators: a number of seconds with a fraction, e.g. "1.5 seconds" */
  return g_strdup_printf (_("%s seconds"), number);
}
