-- Picks a random stored share token for every request: wrk -s random-token.lua URL -- tokens.txt PREFIX
local tokens = {}
local prefix = "/a/"

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  if args[2] then prefix = args[2] end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", prefix .. tokens[math.random(#tokens)])
end
