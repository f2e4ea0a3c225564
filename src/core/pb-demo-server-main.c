/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder while this file is being written. */
int main (void);
int main (void) { return 1; }
