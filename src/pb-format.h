/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one place that words values for people: the list row, the page, the search and the
 * filters all show a value in the same words.
 *
 * For the API's codes, known values are translated ("Data system", "No authentication",
 * "OAuth 2.0"); any other value is returned as it came, so nothing the server says is hidden.
 * NULL or "" gives "Not set". */
const char *pb_format_system_type  (const char *system_type);
const char *pb_format_auth_type    (const char *auth_type);
const char *pb_format_not_set      (void);
/* A value of a list of differences (pb-diff.h: its path and text) in the words of the page:
 * the system type and the authentication as above, "true" and "false" as "Yes" and "No",
 * the timeouts as pb_format_milliseconds() words them. Any other value is returned as it
 * came (NULL gives NULL). Free with g_free(). */
char       *pb_format_change_value (const char *path,
                                    const char *text);

/* A date and time in the local time zone, in the one format of the whole window: the long
 * one of the language, "5 December 2026, 11:17". */
char       *pb_format_date_time    (GDateTime  *date_time);
/* pb_format_date_time(), then how long ago it was: "2 July 2025, 16:04 (3 days ago)". */
char       *pb_format_date_time_ago (GDateTime *date_time);
/* A date for a list row, in the local time zone: the time when it is today ("16:04"), the
 * day this year ("3 Dec"), else the day and year ("3 Dec 2025"). */
char       *pb_format_date_short   (GDateTime  *date_time);
/* A duration in words: "500 milliseconds", "5 seconds", "1.25 seconds"; NULL when negative. */
char       *pb_format_milliseconds (gint64      milliseconds);

/* `text` as it can be shown in a label, title, tooltip or toast: at most `max_chars`
 * characters, the last of them "…" when text was longer, cut at a character boundary. Labels
 * lay out all their text at once, and a few million characters take the window down (X
 * BadAlloc), so whatever comes from the server goes through this before it is shown; the
 * object keeps the whole value and Copy copies it. Reads no further than it needs (a 4 MB
 * value costs `max_chars`); NULL gives NULL. */
char       *pb_format_for_display  (const char *text,
                                    gsize       max_chars);

/* How many characters of a value the window and its rows show. */
#define PB_FORMAT_TITLE_CHARS   200
#define PB_FORMAT_MESSAGE_CHARS 1000

G_END_DECLS
