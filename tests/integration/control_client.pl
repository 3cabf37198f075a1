#!/usr/bin/perl
# SPDX-License-Identifier: GPL-3.0-or-later
# control_client.pl MODE SOCKET [ARGS]: raw clients of the control socket,
# good and bad, for tests/integration/control*.sh (perl-base only)
use strict;
use warnings;
use Socket;
use IO::Socket::UNIX;
use IO::Select;
use Time::HiRes qw(time sleep);

my ($mode, $path, @args) = @ARGV;
$SIG{PIPE} = 'IGNORE';
$SIG{ALRM} = sub { print "TIMEOUT\n"; exit 3 };
alarm 60;

sub conn { IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path) or die "connect $path: $!\n" }

# the reply to one command: lines up to OK or ERR
sub reply {
	my ($s) = @_;
	my $out = '';
	while (defined(my $l = <$s>)) {
		$out .= $l;
		last if $l =~ /^(OK|ERR )/;
	}
	return $out;
}

# everything until the daemon hangs up
sub drain {
	my ($s) = @_;
	my ($out, $buf) = ('', '');
	$out .= $buf while sysread($s, $buf, 65536);
	return $out;
}

if ($mode eq 'talk') {		# each ARG a command line; the replies
	my $s = conn();
	for my $c (@args) { print $s "$c\n"; print reply($s); }
} elsif ($mode eq 'timed') {	# ms from sending ARG to its last reply line
	my $s = conn();
	my $t = time;
	print $s "$args[0]\n";
	my $r = reply($s);
	printf "%.1f %s", (time - $t) * 1000, $r =~ /^(OK|ERR .*)$/m ? "$1\n" : "none\n";
} elsif ($mode eq 'raw') {	# the bytes of file ARG as they are, then EOF
	my $s = conn();
	open my $f, '<:raw', $args[0] or die "$args[0]: $!\n";
	local $/;
	my $data = <$f>;
	syswrite($s, $data);
	shutdown($s, 1);
	print drain($s);
} elsif ($mode eq 'long') {	# ARG bytes without a newline (while the daemon
				# takes them), then what it answered
	my $s = conn();
	my $chunk = 'a' x 65536;
	my $sent = 0;
	$s->blocking(0);
	my $t = time;
	while ($sent < $args[0] && time - $t < 10) {
		my $n = syswrite($s, $chunk, $args[0] - $sent < 65536 ? $args[0] - $sent : 65536);
		if (defined $n) { $sent += $n; next; }
		last unless $!{EAGAIN};
		IO::Select->new($s)->can_write(0.1);
		last if IO::Select->new($s)->can_read(0);	# it answered
	}
	$s->blocking(1);
	print drain($s);
	print "sent $sent\n";
} elsif ($mode eq 'many') {	# ARG clients connected at once, then each asks
	my @s = map { conn() } 1 .. $args[0];
	print $_ "status\n" for @s;
	my ($ok, $busy) = (0, 0);
	for (@s) {
		my $r = reply($_);
		$ok++ if $r =~ /^OK$/m;
		$busy++ if $r =~ /^ERR busy /m;
	}
	print "$ok OK, $busy busy\n";
} elsif ($mode eq 'idle') {	# connect, say nothing: when and how it ends
	my $s = conn();
	my $t = time;
	my $r = drain($s);
	printf "%.1f %s", time - $t, $r eq '' ? "nothing\n" : $r;
} elsif ($mode eq 'hangup') {	# ask for ARG lists, read a little, hang up
	my $s = conn();
	setsockopt($s, SOL_SOCKET, SO_RCVBUF, 4096);
	print $s "list\n" x $args[0];
	sysread($s, my $buf, 100);
	close $s;
	print "read ", length $buf, "\n";
} elsif ($mode eq 'deaf') {	# ARG lines sent, no reply ever read
	my $s = conn();
	$s->blocking(0);
	my $sent = 0;
	for (1 .. $args[0]) { my $n = syswrite($s, "help\n"); last unless defined $n; $sent += $n; }
	sleep 1;
	print "sent $sent\n";
} elsif ($mode eq 'stale') {	# a socket left behind by a daemon that died
	my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 1) or die "$path: $!\n";
	close $s;		# the file stays
} else {
	die "ctl.pl: unknown mode $mode\n";
}
