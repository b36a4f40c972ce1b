module github.com/closeshim/closeshim

go 1.26

require (
	github.com/coder/websocket v1.8.15 // indirect
	github.com/hack-pad/safejs v0.1.0 // indirect
)
