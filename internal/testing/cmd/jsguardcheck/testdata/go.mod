module github.com/closeshim/closeshim

go 1.26

require github.com/hack-pad/safejs v0.1.0
